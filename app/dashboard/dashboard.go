// Package dashboard serves the region dashboard: a read-only web page of what the chain
// shows publicly, at /dashboard/ on the node's API server (default http://127.0.0.1:1317).
// The page reads the node's own REST API; it is static files (Preact and htm, vendored: no
// build step), embedded in the binary.
package dashboard

import (
	"embed"
	"io/fs"
	"net/http"

	"github.com/gorilla/mux"
)

//go:embed static
var files embed.FS

// Path is where the dashboard is served.
const Path = "/dashboard/"

// Register serves the dashboard at Path (and redirects /dashboard there).
func Register(router *mux.Router) error {
	static, err := fs.Sub(files, "static")
	if err != nil {
		return err
	}
	router.Handle("/dashboard", http.RedirectHandler(Path, http.StatusMovedPermanently))
	router.PathPrefix(Path).Handler(http.StripPrefix(Path, http.FileServer(http.FS(static))))
	return nil
}
