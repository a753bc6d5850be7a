package form

import (
	"context"
	"fmt"
	"io"
	"io/fs"
	"os"
)

// Inputs are read only from regular files. A FIFO would block the open (or
// the read) until some other program writes to it, a device such as
// /dev/zero never ends, and opening some devices has effects of its own:
// such a file is refused before it is opened. Every read is bounded in size
// and checks its context between chunks, so that Ctrl-C stops it.

// NotRegularError is a path that is not a regular file (after symbolic
// links are followed): a directory, a FIFO, a device, a socket.
type NotRegularError struct {
	Path string
	Mode fs.FileMode
}

func (e *NotRegularError) Error() string {
	return fmt.Sprintf("%s is %s, not a regular file", e.Path, fileKind(e.Mode))
}

// TooLargeError is a file larger than the limit it was read with.
type TooLargeError struct {
	Path        string
	Size, Limit int64
}

func (e *TooLargeError) Error() string {
	return fmt.Sprintf("%s is too large (%s, limit %s)", e.Path, byteSize(e.Size), byteSize(e.Limit))
}

// fileKind names the type of a file mode for messages.
func fileKind(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "a directory"
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe (FIFO)"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeCharDevice != 0:
		return "a character device"
	case m&fs.ModeDevice != 0:
		return "a block device"
	case m&fs.ModeSymlink != 0:
		return "a symbolic link"
	case m.IsRegular():
		return "a regular file"
	}
	return "an irregular file"
}

// kindTag names the type of a file in a few words of no language (for the
// messages of both languages): FIFO, socket, char device…
func kindTag(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "dir"
	case m&fs.ModeNamedPipe != 0:
		return "FIFO"
	case m&fs.ModeSocket != 0:
		return "socket"
	case m&fs.ModeCharDevice != 0:
		return "char device"
	case m&fs.ModeDevice != 0:
		return "block device"
	case m&fs.ModeSymlink != 0:
		return "symlink"
	}
	return "irregular"
}

// OpenRegular opens path for reading when it is a regular file (symbolic
// links followed) and returns it with its information; anything else is a
// *NotRegularError, and is not opened at all (the check is made again on
// the open file, so that a file swapped for a FIFO in between cannot block
// the open). The caller closes the file. Use it, or ReadFileBounded, for
// every file a user names: forms, the --review workbook, the --previous
// result.
func OpenRegular(path string) (*os.File, fs.FileInfo, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, nil, err
	}
	if !st.Mode().IsRegular() {
		return nil, nil, &NotRegularError{Path: path, Mode: st.Mode()}
	}
	f, err := openNoBlock(path)
	if err != nil {
		return nil, nil, err
	}
	st, err = f.Stat()
	if err != nil {
		f.Close()
		return nil, nil, err
	}
	if !st.Mode().IsRegular() {
		f.Close()
		return nil, nil, &NotRegularError{Path: path, Mode: st.Mode()}
	}
	return f, st, nil
}

// readChunk is how much ReadFileBounded reads between two looks at its
// context.
const readChunk = 1 << 20

// ReadFileBounded reads the regular file at path whole, refusing it
// unread when it is not a regular file (*NotRegularError) or larger than
// limit bytes (*TooLargeError, also when it grows past the limit while it
// is read), and stopping with ctx's error when ctx is done. limit <= 0
// means DefaultMaxFileSize.
func ReadFileBounded(ctx context.Context, path string, limit int64) ([]byte, error) {
	if limit <= 0 {
		limit = DefaultMaxFileSize
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	f, st, err := OpenRegular(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if st.Size() > limit {
		return nil, &TooLargeError{Path: path, Size: st.Size(), Limit: limit}
	}
	return readBounded(ctx, f, path, st.Size(), limit)
}

// readBounded reads r to its end, at most limit bytes, checking ctx
// between chunks; size is what the file is expected to hold.
func readBounded(ctx context.Context, r io.Reader, path string, size, limit int64) ([]byte, error) {
	buf := make([]byte, 0, min(size, limit)+1)
	for {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)]
		}
		end := min(cap(buf), len(buf)+readChunk)
		n, err := r.Read(buf[len(buf):end])
		buf = buf[:len(buf)+n]
		if int64(len(buf)) > limit {
			return nil, &TooLargeError{Path: path, Size: int64(len(buf)), Limit: limit}
		}
		if err == io.EOF {
			return buf, nil
		}
		if err != nil {
			return nil, err
		}
	}
}
