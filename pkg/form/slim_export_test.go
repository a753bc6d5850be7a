package form

// WithoutSlim returns opts set to open .xlsx files whole, as they are,
// instead of their slim package.
func WithoutSlim(opts ReadOptions) ReadOptions {
	opts.whole = true
	return opts
}
