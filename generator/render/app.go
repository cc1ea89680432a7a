package render

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"html"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/image/font"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"

	"github.com/zeebo/xxh3"

	"github.com/between-ssg/between/generator/search"
	"github.com/between-ssg/between/generator/site"
	"github.com/between-ssg/between/generator/worksheet"
	"github.com/between-ssg/between/internal/radix"
)

// The files of the between-sessions features that are made in Go, beside the pages:
// notes/index.json (what My notes needs to show answers: each page's fields), the web app
// manifest and its icons, and offline.json (what the service worker keeps on the device).

// notesField is a field as between-core.js describes it (its "shape").
type notesField struct {
	ID       string      `json:"id"`
	Kind     string      `json:"kind"`
	Question string      `json:"question,omitempty"`
	Label    string      `json:"label,omitempty"`
	Min      *int        `json:"min,omitempty"` // a scale's ends, 0 included
	Max      *int        `json:"max,omitempty"`
	Multiple bool        `json:"multiple,omitempty"`
	Items    []notesItem `json:"items,omitempty"`
	Columns  []string    `json:"columns,omitempty"`
}

type notesItem struct {
	Value string `json:"value"`
	Label string `json:"label"`
}

type notesPage struct {
	URL    string       `json:"url"`
	Title  string       `json:"title"`
	Group  string       `json:"group,omitempty"`
	Repeat bool         `json:"repeat,omitempty"`
	Fields []notesField `json:"fields"`
}

func shapeOf(f worksheet.Field) notesField {
	n := notesField{ID: f.ID, Kind: f.Kind, Question: f.Label, Columns: f.Columns}
	switch f.Kind {
	case "task":
		n.Question, n.Label = "", f.Label
	case "scale":
		n.Min, n.Max = &f.Min, &f.Max
	case "checklist":
		n.Multiple = true
	case "choice":
		n.Multiple = f.Multiple
	}
	for _, it := range f.Items {
		n.Items = append(n.Items, notesItem{Value: it, Label: it})
	}
	return n
}

// NotesIndex is notes/index.json: every page with fields, those of reading paths first (in
// path and stage order, each under "Path · Stage"), then the others by section. A page in
// two paths is listed under the first.
func NotesIndex(s *site.Site) []byte {
	var pages []notesPage
	seen := map[*site.Page]bool{}
	add := func(p *site.Page, group string) {
		if seen[p] || len(p.Form) == 0 {
			return
		}
		seen[p] = true
		np := notesPage{URL: p.URL, Title: p.Title, Group: group, Repeat: p.Repeat, Fields: []notesField{}}
		for _, f := range p.Form {
			np.Fields = append(np.Fields, shapeOf(f))
		}
		pages = append(pages, np)
	}
	for _, path := range s.Paths {
		for _, st := range path.Stages {
			g := path.Page.Title
			if st.Title != "" {
				g += " · " + st.Title
			}
			for _, step := range st.Steps {
				add(step.Page, g)
			}
		}
	}
	for _, sec := range s.Sections {
		for _, p := range sec.Pages {
			add(p, "")
		}
	}
	for _, p := range s.Plain {
		add(p, "")
	}
	for _, p := range s.Unlisted {
		add(p, "")
	}
	b, err := json.Marshal(map[string]any{"pages": pages})
	if err != nil {
		panic(err) // fixed structs of strings and numbers always encode
	}
	return b
}

// Manifest is manifest.webmanifest: what a phone needs to add the library to its home
// screen, with the icons Icons makes.
func Manifest(s *site.Site) []byte {
	short := s.Title
	if utf8.RuneCountInString(short) > 12 {
		short = string([]rune(short)[:12])
	}
	m := map[string]any{
		"name": s.Title, "short_name": strings.TrimSpace(short), "description": s.Description,
		"start_url": s.BasePath, "scope": s.BasePath, "display": "standalone", "lang": s.Language,
		"background_color": "#fbfaf7", "theme_color": accentHex,
		"icons": []map[string]string{
			{"src": s.BasePath + "icon.svg", "sizes": "any", "type": "image/svg+xml"},
			{"src": s.BasePath + "icon-192.png", "sizes": "192x192", "type": "image/png"},
			{"src": s.BasePath + "icon-512.png", "sizes": "512x512", "type": "image/png", "purpose": "any maskable"},
		},
	}
	b, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		panic(err)
	}
	return b
}

// accent is the theme's accent colour (main.css --accent, light scheme), white on it is 6.4:1.
var accent = color.RGBA{0x1a, 0x6b, 0x5a, 0xff}

const accentHex = "#1a6b5a"

// initial is the letter on the icon: the first letter or digit of the title, in upper case.
func initial(title string) string {
	for _, r := range title {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return string(unicode.ToUpper(r))
		}
	}
	return "B"
}

// Icons returns the app icon made from the site's title, so that no image is needed: the
// title's initial in white on the accent colour, as icon.svg (drawn with the phone's own
// font) and icon-192.png and icon-512.png (drawn here with the Go Bold font, whose letters
// are Latin, Greek and Cyrillic; other scripts get a plain tile in the PNGs).
func Icons(s *site.Site) map[string][]byte {
	letter := initial(s.Title)
	svg := `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512"><rect width="512" height="512" rx="96" fill="` + accentHex +
		`"/><text x="256" y="256" dy=".35em" text-anchor="middle" font-family="system-ui, sans-serif" font-weight="700" font-size="300" fill="#fff">` +
		html.EscapeString(letter) + `</text></svg>` + "\n"
	return map[string][]byte{
		"icon.svg":     []byte(svg),
		"icon-192.png": pngIcon(letter, 192),
		"icon-512.png": pngIcon(letter, 512),
	}
}

func pngIcon(letter string, size int) []byte {
	img := image.NewRGBA(image.Rect(0, 0, size, size))
	// A full square: phones cut their own shape (maskable icons), and the letter keeps to
	// the middle 60%, inside every mask.
	draw.Draw(img, img.Bounds(), &image.Uniform{accent}, image.Point{}, draw.Src)
	f, err := opentype.Parse(gobold.TTF)
	if err == nil {
		face, err := opentype.NewFace(f, &opentype.FaceOptions{Size: float64(size) * 0.5, DPI: 72, Hinting: font.HintingFull})
		if err == nil {
			defer face.Close()
			r, _ := utf8.DecodeRuneInString(letter)
			if _, ok := face.GlyphAdvance(r); ok && f != nil {
				d := &font.Drawer{Dst: img, Src: image.White, Face: face}
				b, _ := d.BoundString(letter)
				w := (b.Max.X - b.Min.X).Ceil()
				h := (b.Max.Y - b.Min.Y).Ceil()
				d.Dot = fixed.P((size-w)/2-b.Min.X.Floor(), (size-h)/2-b.Min.Y.Floor())
				d.DrawString(letter)
			}
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		panic(err) // encoding an in-memory RGBA image does not fail
	}
	return buf.Bytes()
}

// OfflineBudget is how many bytes of pages a first visit keeps for offline use, beside the
// app itself (stylesheets, scripts, icons, My notes) and the search index. A library of
// 10,000 pages has 160 MB of worksheets and guides: kept whole, a first visit on a phone's
// data plan would fetch them all. 10 MB is the reading paths of any real library and a few
// hundred worksheets and guides (about 20 KB each, measured on the example library).
const OfflineBudget = 10 << 20

// FileInfo is what Offline needs of an output file: its hash, for the build's version,
// and its size, for the budget.
type FileInfo struct {
	Sum  [16]byte
	Size int
}

// Info is the FileInfo of a file holding data. Its hash is XXH3's 128 bits, not a
// cryptographic one: the version only has to change whenever a file does, which nobody
// has a reason to defeat (a coach would only keep their own clients on an old version),
// and SHA-256 over every byte of the output was 3% of a build's CPU time.
func Info(data []byte) FileInfo {
	return FileInfo{Sum: xxh3.Hash128(data).Bytes(), Size: len(data)}
}

// Offline is offline.json: the files the service worker (sw.js) keeps on the device after a
// first visit, and the version of the build they belong to: a hash of every output file,
// so any change to the site is picked up on the next visit.
//
// Always kept: the home page, My notes, the stylesheets, scripts, the app's icons and
// manifest, and the search index (its manifest and every shard, so that any word can be
// searched offline). Then, while they fit in OfflineBudget: every reading path with its
// steps, in order, then worksheets and guides, newest first, each page with its search
// result's slot (results maps a page's URL to its name, search.ResultPart), which shows it
// in a search. Other pages are
// kept once visited (sw.js keeps the most recent of them). files holds every other output
// file, by name: a streamed build never has all of them in memory at once.
func Offline(s *site.Site, files map[string]FileInfo, results map[string]string) []byte {
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	radix.Strings(names) // every output file: 160,000 at 100,000 pages
	// Hashed 64 KB at a time, not three writes a name.
	h := sha256.New()
	buf := make([]byte, 0, 64<<10)
	for _, name := range names {
		sum := files[name].Sum
		buf = append(append(append(buf, name...), 0), sum[:]...)
		if len(buf) > cap(buf)-1024 {
			h.Write(buf)
			buf = buf[:0]
		}
	}
	h.Write(buf)
	var list []string
	kept := map[string]bool{}
	// file is the output file of a URL or file name: a page's URL is its folder's index.html.
	file := func(k string) string {
		if k == "" || strings.HasSuffix(k, "/") {
			return k + "index.html"
		}
		return k
	}
	keep := func(k string) {
		if _, ok := files[file(k)]; ok && !kept[k] {
			kept[k] = true
			list = append(list, k)
		}
	}
	for _, k := range []string{"", "notes/", "notes/index.json", "search/"} {
		keep(k)
	}
	for _, name := range names {
		switch {
		case strings.HasPrefix(name, "css/"), strings.HasPrefix(name, "js/"),
			name == "manifest.webmanifest", strings.HasPrefix(name, "icon"),
			name == search.Dir+"manifest.json", strings.HasPrefix(name, search.Dir+"s/"):
			keep(name)
		}
	}
	rel := func(url string) string { return strings.TrimPrefix(url, s.BasePath) }
	used := 0
	page := func(p *site.Page) {
		k := rel(p.URL)
		info, ok := files[file(k)]
		// Once the budget is spent, most pages of a large library stop here, before their
		// search results are looked up in maps of every page and file (at 100,000 pages,
		// 66,000 guides and worksheets).
		if !ok || kept[k] || used+info.Size > OfflineBudget {
			return
		}
		size := info.Size
		res := results[p.URL]
		if res != "" {
			size += search.Slot
		}
		if used+size > OfflineBudget {
			return
		}
		used += size
		keep(k)
		if res != "" && !kept[res] { // a part of a file: not a file of the output
			kept[res] = true
			list = append(list, res)
		}
	}
	for _, path := range s.Paths {
		page(path.Page)
		for _, st := range path.Steps {
			page(st.Page)
		}
	}
	for _, p := range s.Pages {
		if p.Kind == "worksheet" || p.Kind == "guide" {
			page(p)
		}
	}
	sort.Strings(list)
	b, err := json.Marshal(map[string]any{"version": hex.EncodeToString(h.Sum(nil))[:16], "files": list})
	if err != nil {
		panic(err)
	}
	return b
}
