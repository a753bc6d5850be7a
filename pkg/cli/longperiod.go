package cli

import (
	"os"
	"path/filepath"
	"strings"
)

// splitJSONPaths separates earlier JSON results (*.json files named on the
// command line) from the form paths.
func splitJSONPaths(paths []string) (forms, results []string) {
	for _, p := range paths {
		if st, err := os.Stat(p); err == nil && !st.IsDir() && strings.EqualFold(filepath.Ext(p), ".json") {
			results = append(results, p)
			continue
		}
		forms = append(forms, p)
	}
	return forms, results
}
