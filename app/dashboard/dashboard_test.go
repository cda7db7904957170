package dashboard_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/gorilla/mux"
	"github.com/stretchr/testify/require"

	"github.com/conductor-coop/conductor/app/dashboard"
)

// TestServed: the page, its script, its style and the vendored library are served, with
// their types; /dashboard redirects to the page. (tests/cosmjs/dashboard.test.mjs opens it
// in Chromium on a running region.)
func TestServed(t *testing.T) {
	router := mux.NewRouter()
	require.NoError(t, dashboard.Register(router))
	srv := httptest.NewServer(router)
	defer srv.Close()
	for path, want := range map[string]string{
		"/dashboard/":                           "text/html",
		"/dashboard/app.js":                     "text/javascript",
		"/dashboard/style.css":                  "text/css",
		"/dashboard/vendor/htm-preact-3.1.1.js": "text/javascript",
	} {
		res, err := http.Get(srv.URL + path)
		require.NoError(t, err)
		body, err := io.ReadAll(res.Body)
		require.NoError(t, err)
		require.NoError(t, res.Body.Close())
		require.Equal(t, http.StatusOK, res.StatusCode, path)
		require.Contains(t, res.Header.Get("Content-Type"), want, path)
		require.NotEmpty(t, body)
	}
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	res, err := client.Get(srv.URL + "/dashboard")
	require.NoError(t, err)
	require.Equal(t, http.StatusMovedPermanently, res.StatusCode)
	require.Equal(t, dashboard.Path, res.Header.Get("Location"))
}
