package sopsfile

import (
	"strings"

	"github.com/getsops/sops/v3"
	"github.com/getsops/sops/v3/config"
	"github.com/getsops/sops/v3/stores/dotenv"
	"github.com/getsops/sops/v3/stores/ini"
	"github.com/getsops/sops/v3/stores/json"
	"github.com/getsops/sops/v3/stores/yaml"
)

// The formats sops knows, named as sops' --input-type names them.
const (
	FormatYAML   = "yaml"
	FormatJSON   = "json"
	FormatDotenv = "dotenv"
	FormatINI    = "ini"
	FormatBinary = "binary"
)

// StoreOptions are the settings of `stores:` in .sops.yaml that change how
// a file is written. A nil field means the key is absent there and sops'
// default applies (YAML: 4 spaces; JSON and binary: a tab).
type StoreOptions struct {
	YAMLIndent       *int // stores.yaml.indent
	JSONIndent       *int // stores.json.indent
	JSONBinaryIndent *int // stores.json_binary.indent
}

// FormatForPath returns the format sops gives a file by its name: by
// extension, binary for any other name.
func FormatForPath(path string) string {
	switch {
	case strings.HasSuffix(path, ".yaml"), strings.HasSuffix(path, ".yml"):
		return FormatYAML
	case strings.HasSuffix(path, ".json"):
		return FormatJSON
	case strings.HasSuffix(path, ".env"):
		return FormatDotenv
	case strings.HasSuffix(path, ".ini"):
		return FormatINI
	}
	return FormatBinary
}

// storeFor builds the sops store for format, configured as sops would from
// a .sops.yaml holding st.
func storeFor(format string, st StoreOptions) sops.Store {
	c := config.NewStoresConfig()
	if st.YAMLIndent != nil {
		c.YAML.Indent = *st.YAMLIndent
	}
	if st.JSONIndent != nil {
		c.JSON.Indent = *st.JSONIndent
	}
	if st.JSONBinaryIndent != nil {
		c.JSONBinary.Indent = *st.JSONBinaryIndent
	}
	switch format {
	case FormatYAML:
		return yaml.NewStore(&c.YAML)
	case FormatJSON:
		return json.NewStore(&c.JSON)
	case FormatDotenv:
		return dotenv.NewStore(&c.Dotenv)
	case FormatINI:
		return ini.NewStore(&c.INI)
	}
	return json.NewBinaryStore(&c.JSONBinary)
}

// sniffStore is the store whose plain-file loader sees the metadata of an
// encrypted file of format: a binary store loads any bytes as one opaque
// value, but its encrypted form is JSON.
func sniffStore(format string) sops.Store {
	if format == FormatBinary {
		format = FormatJSON
	}
	return storeFor(format, StoreOptions{})
}
