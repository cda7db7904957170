// Package openapi serves the OpenAPI (Swagger 2.0) document of the Conductor modules' REST
// routes, generated from their protobuf definitions by make proto-gen.
package openapi

import (
	_ "embed"
	"net/http"

	"github.com/gorilla/mux"
	"sigs.k8s.io/yaml"
)

//go:embed openapi.json
var document []byte

// JSON is the document.
func JSON() []byte { return document }

// Register serves the document at /openapi.json and, converted, /openapi.yaml.
func Register(router *mux.Router) error {
	asYAML, err := yaml.JSONToYAML(document)
	if err != nil {
		return err
	}
	serve := func(body []byte, contentType string) func(http.ResponseWriter, *http.Request) {
		return func(w http.ResponseWriter, _ *http.Request) {
			w.Header().Set("Content-Type", contentType)
			_, _ = w.Write(body)
		}
	}
	router.HandleFunc("/openapi.json", serve(document, "application/json"))
	router.HandleFunc("/openapi.yaml", serve(asYAML, "application/yaml"))
	return nil
}
