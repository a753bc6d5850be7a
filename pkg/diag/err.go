package diag

// Err is an error whose text comes from the catalog, so that the command
// line can print it in the user's language.
type Err struct {
	Key  string
	Args []any
}

// Errorf returns an Err for the catalog message key.
func Errorf(key string, args ...any) *Err { return &Err{Key: key, Args: args} }

// Error returns the message in Vietnamese.
func (e *Err) Error() string { return T("vi", e.Key, e.Args...) }

// Text returns the message in lang.
func (e *Err) Text(lang string) string { return T(lang, e.Key, e.Args...) }
