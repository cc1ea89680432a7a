package markdown

import (
	"bytes"
	"slices"
	"sync"
	"unsafe"

	"github.com/klauspost/compress/s2"
)

// Body is a page's converted HTML, kept compressed. Every page's HTML is made before the
// first page is rendered (lists, the search index and booklets need all pages), and held
// as it is it was most of a large library's memory: 900 MB at 100,000 pages. HTML
// compresses to a third or less, and each page is read back once or twice per build, for
// its own page, the search index and a booklet, which costs far less than converting its
// Markdown again. A Body is never changed once made.
type Body struct {
	z []byte // s2 block
	n int    // length of the HTML
}

// NewBody keeps a copy of html, compressed.
func NewBody(html []byte) *Body {
	if len(html) == 0 {
		return nil
	}
	scratch := scratches.Get().(*[]byte)
	defer scratches.Put(scratch)
	if n := s2.MaxEncodedLen(len(html)); cap(*scratch) < n {
		*scratch = make([]byte, n)
	}
	// Encoded into scratch, then copied at exactly its size: what is kept is the
	// compressed size, not the bound on it.
	return &Body{z: bytes.Clone(s2.Encode((*scratch)[:cap(*scratch)], html)), n: len(html)}
}

var scratches = sync.Pool{New: func() any { b := make([]byte, 0, 64<<10); return &b }}

// String returns the HTML. Each call decompresses it into new memory, which the caller
// may keep (the model page's Content does not).
func (b *Body) String() string {
	if b == nil || b.n == 0 {
		return ""
	}
	out, err := s2.Decode(make([]byte, b.n), b.z)
	if err != nil {
		panic("markdown: a page's kept HTML does not decompress: " + err.Error()) // only NewBody makes z
	}
	// out is new memory that nothing else holds or changes: it can be the string itself.
	return unsafe.String(unsafe.SliceData(out), len(out))
}

// AppendTo appends the HTML to dst and returns the result: for a reader that needs it only
// for a moment (the search index), page after page, without new memory for each.
func (b *Body) AppendTo(dst []byte) []byte {
	if b == nil || b.n == 0 {
		return dst
	}
	n := len(dst)
	dst = slices.Grow(dst, b.n)[:n+b.n]
	out, err := s2.Decode(dst[n:], b.z)
	if err != nil {
		panic("markdown: a page's kept HTML does not decompress: " + err.Error()) // only NewBody makes z
	}
	if len(out) != b.n || &out[0] != &dst[n] {
		panic("markdown: a page's kept HTML decompressed elsewhere")
	}
	return dst
}

// Len is the length of the HTML in bytes.
func (b *Body) Len() int {
	if b == nil {
		return 0
	}
	return b.n
}

// Equal reports whether a and b hold the same HTML. The encoding is deterministic, so the
// compressed bytes are compared without decompressing either.
func (a *Body) Equal(b *Body) bool {
	if a == b {
		return true
	}
	if a == nil || b == nil {
		return a.Len() == 0 && b.Len() == 0
	}
	return a.n == b.n && bytes.Equal(a.z, b.z)
}
