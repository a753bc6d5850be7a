package formtest

import (
	"encoding/binary"
	"unicode/utf16"
)

// EncryptedWorkbook returns what Excel writes for a password-protected
// .xlsx: not a zip but an OLE compound file holding the streams
// "EncryptionInfo" and "EncryptedPackage" (here filled with a fixed
// pattern, not real ciphertext: the reader must refuse the file before
// trying to decrypt it).
func EncryptedWorkbook() []byte {
	return oleFile([]oleStream{
		{"EncryptionInfo", pattern(4096, 0x11)},
		{"EncryptedPackage", pattern(8192, 0x5A)},
	})
}

// OLEFile returns an OLE compound file (format version 3) holding the given
// streams, each at least 4096 bytes long so that no mini stream is needed
// (shorter streams are padded). It is enough to make test files: an
// encrypted workbook, a Word document, an .xls with a broken Workbook
// stream.
func OLEFile(streams map[string][]byte) []byte {
	var ss []oleStream
	for _, n := range []string{"EncryptionInfo", "EncryptedPackage", "Workbook", "WordDocument"} {
		if b, ok := streams[n]; ok {
			ss = append(ss, oleStream{n, b})
		}
	}
	for n, b := range streams {
		known := false
		for _, s := range ss {
			known = known || s.name == n
		}
		if !known {
			ss = append(ss, oleStream{n, b})
		}
	}
	return oleFile(ss)
}

type oleStream struct {
	name string
	data []byte
}

func pattern(n int, seed byte) []byte {
	b := make([]byte, n)
	x := seed
	for i := range b {
		x = x*31 + 7
		b[i] = x
	}
	return b
}

const (
	secSize    = 512
	freeSect   = 0xFFFFFFFF
	endChain   = 0xFFFFFFFE
	fatSect    = 0xFFFFFFFD
	noStream   = 0xFFFFFFFF
	maxStreams = 3 // one directory sector: root + 3 entries
)

func oleFile(streams []oleStream) []byte {
	if len(streams) > maxStreams {
		streams = streams[:maxStreams]
	}
	// Sector 0: FAT, sector 1: directory, then the streams.
	var fat []uint32
	fat = append(fat, fatSect, endChain)
	type placed struct {
		start uint32
		size  int
		data  []byte
	}
	var ps []placed
	next := uint32(2)
	for _, s := range streams {
		d := s.data
		if len(d) < 4096 {
			d = append(append([]byte{}, d...), make([]byte, 4096-len(d))...)
		}
		n := (len(d) + secSize - 1) / secSize
		ps = append(ps, placed{next, len(s.data), d})
		for i := 0; i < n; i++ {
			if i == n-1 {
				fat = append(fat, endChain)
			} else {
				fat = append(fat, next+uint32(i)+1)
			}
		}
		next += uint32(n)
	}
	if len(fat) > secSize/4 {
		panic("formtest: OLE streams too large")
	}
	for len(fat) < secSize/4 {
		fat = append(fat, freeSect)
	}
	out := make([]byte, secSize*(int(next)+1))
	h := out[:secSize]
	copy(h, []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1})
	le := binary.LittleEndian
	le.PutUint16(h[24:], 0x003E)
	le.PutUint16(h[26:], 0x0003)
	le.PutUint16(h[28:], 0xFFFE)
	le.PutUint16(h[30:], 9)
	le.PutUint16(h[32:], 6)
	le.PutUint32(h[44:], 1) // FAT sectors
	le.PutUint32(h[48:], 1) // first directory sector
	le.PutUint32(h[56:], 4096)
	le.PutUint32(h[60:], endChain)
	le.PutUint32(h[68:], endChain)
	for i := 0; i < 109; i++ {
		le.PutUint32(h[76+4*i:], freeSect)
	}
	le.PutUint32(h[76:], 0)
	sector := func(i uint32) []byte { return out[secSize*(int(i)+1) : secSize*(int(i)+2)] }
	for i, v := range fat {
		le.PutUint32(sector(0)[4*i:], v)
	}
	dir := sector(1)
	entry := func(i int, name string, typ byte, left, right, child, start uint32, size int) {
		e := dir[128*i : 128*(i+1)]
		u := utf16.Encode([]rune(name))
		for j, c := range u {
			le.PutUint16(e[2*j:], c)
		}
		le.PutUint16(e[64:], uint16(2*len(u)+2))
		e[66], e[67] = typ, 1
		le.PutUint32(e[68:], left)
		le.PutUint32(e[72:], right)
		le.PutUint32(e[76:], child)
		le.PutUint32(e[116:], start)
		le.PutUint32(e[120:], uint32(size))
	}
	child := uint32(noStream)
	if len(ps) > 0 {
		child = 1
	}
	entry(0, "Root Entry", 5, noStream, noStream, child, endChain, 0)
	// A right-leaning chain of siblings; CFB sorts by name length then
	// upper-case name, which readers do not rely on for listing.
	for i, p := range ps {
		right := uint32(noStream)
		if i+1 < len(ps) {
			right = uint32(i + 2)
		}
		entry(i+1, streams[i].name, 2, noStream, right, noStream, p.start, p.size)
		for k := 0; k*secSize < len(p.data); k++ {
			copy(sector(p.start+uint32(k)), p.data[k*secSize:min(len(p.data), (k+1)*secSize)])
		}
	}
	for i := len(ps) + 1; i < 4; i++ {
		e := dir[128*i : 128*(i+1)]
		le.PutUint32(e[68:], noStream)
		le.PutUint32(e[72:], noStream)
		le.PutUint32(e[76:], noStream)
	}
	return out
}
