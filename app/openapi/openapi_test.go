package openapi_test

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/gorilla/mux"
	"github.com/stretchr/testify/require"
	"sigs.k8s.io/yaml"

	"github.com/conductor-coop/conductor/app/openapi"
)

// TestDocument: the document is Swagger 2.0 and has every REST route that a Conductor
// query declares in proto/, and the node serves it as JSON and as YAML.
func TestDocument(t *testing.T) {
	var doc struct {
		Swagger string
		Paths   map[string]map[string]any
	}
	require.NoError(t, json.Unmarshal(openapi.JSON(), &doc))
	require.Equal(t, "2.0", doc.Swagger)
	files, err := filepath.Glob("../../proto/conductor/*/v1/query.proto")
	require.NoError(t, err)
	require.GreaterOrEqual(t, len(files), 10, "every module's queries")
	route := regexp.MustCompile(`\(google\.api\.http\)\.get = "([^"]+)"`)
	n := 0
	for _, f := range files {
		bz, err := os.ReadFile(f)
		require.NoError(t, err)
		for _, m := range route.FindAllStringSubmatch(string(bz), -1) {
			require.Contains(t, doc.Paths, m[1], "%s: %s", filepath.Base(filepath.Dir(filepath.Dir(f))), m[1])
			require.Contains(t, doc.Paths[m[1]], "get")
			n++
		}
	}
	require.Len(t, doc.Paths, n, "nothing else")

	router := mux.NewRouter()
	require.NoError(t, openapi.Register(router))
	srv := httptest.NewServer(router)
	defer srv.Close()
	for path, decode := range map[string]func([]byte, any) error{
		"/openapi.json": json.Unmarshal,
		"/openapi.yaml": func(b []byte, v any) error { return yaml.Unmarshal(b, v) },
	} {
		res, err := http.Get(srv.URL + path)
		require.NoError(t, err)
		body, err := io.ReadAll(res.Body)
		require.NoError(t, err)
		require.NoError(t, res.Body.Close())
		require.Equal(t, http.StatusOK, res.StatusCode, path)
		var served struct{ Paths map[string]any }
		require.NoError(t, decode(body, &served), path)
		require.Len(t, served.Paths, n, path)
	}
}
