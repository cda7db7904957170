package dashboard_test

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/gorilla/mux"
	"github.com/stretchr/testify/require"

	"github.com/conductor-coop/conductor/app/dashboard"
	"github.com/conductor-coop/conductor/app/openapi"
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

// TestReadsDocumentedRoutes: every Conductor REST path the page reads (app.js) is a route of
// the OpenAPI document, GET, with the query parameters it passes: a route renamed or gone
// (as when the assembly moved from x/group to x/assembly) fails here, not only in Chromium.
func TestReadsDocumentedRoutes(t *testing.T) {
	var doc struct {
		Paths map[string]map[string]struct {
			Parameters []struct{ Name, In string }
		}
	}
	require.NoError(t, json.Unmarshal(openapi.JSON(), &doc))
	routes := map[*regexp.Regexp]string{}
	for path := range doc.Paths {
		pattern := regexp.MustCompile(`\\\{[a-z_.]+\\\}`).ReplaceAllString(regexp.QuoteMeta(path), `[^/]+`)
		routes[regexp.MustCompile("^"+pattern+"$")] = path
	}
	app, err := os.ReadFile(filepath.Join("static", "app.js"))
	require.NoError(t, err)
	reads := regexp.MustCompile("[\"`](/conductor/[^\"`]*)[\"`]").FindAllStringSubmatch(string(app), -1)
	require.NotEmpty(t, reads)
	seen := map[string]bool{}
	for _, m := range reads {
		// a ${...} in a template is one path segment or one query value
		read := regexp.MustCompile(`\$\{[^}]*\}`).ReplaceAllString(m[1], "x")
		path, rawQuery, _ := strings.Cut(read, "?")
		var route string
		for re, p := range routes {
			if re.MatchString(path) {
				route = p
			}
		}
		require.NotEmpty(t, route, "the page reads %s, which is no route of the OpenAPI document", m[1])
		get, ok := doc.Paths[route]["get"]
		require.True(t, ok, "%s: no GET", route)
		params := map[string]bool{}
		for _, p := range get.Parameters {
			params[p.Name] = p.In == "query"
		}
		query, err := url.ParseQuery(rawQuery)
		require.NoError(t, err, m[1])
		for name := range query {
			require.True(t, params[name], "the page passes %s to %s, which takes no such query parameter", name, route)
		}
		seen[route] = true
	}
	for _, route := range []string{
		"/conductor/assembly/v1/proposals", "/conductor/assembly/v1/proposals/{proposal_id}",
		"/conductor/assembly/v1/proposals/{proposal_id}/votes/{voter}",
		"/conductor/assembly/v1/proxies/{member}", "/conductor/assembly/v1/proxies_held/{holder}",
	} {
		require.True(t, seen[route], "the page shows the assembly from %s", route)
	}
	require.NotContains(t, string(app), "/cosmos/group/", "the assembly is x/assembly, not an x/group policy")
}
