package markdown

import (
	"reflect"
	"testing"
)

// TestLeftOutWarned: what a client would never see is a warning at its place. Images from
// another web site (the pages' security rule blocks them); HTML, with markdown.unsafe off,
// once a page whatever its amount; with it on, HTML that loads from another site. Comments
// are no one's business.
func TestLeftOutWarned(t *testing.T) {
	const off = " left out of the page: HTML written in Markdown is off, so that a page cannot run code. Write it as Markdown; " +
		"or, if you trust every file of the library, set unsafe = true under [markdown] in config.toml (see docs/security.md)"
	for _, tt := range []struct {
		src    string
		unsafe bool
		want   []Problem
	}{
		{"Me:\n\n![Me](https://cdn.example.com/photos/me.jpg?w=400)\n", false, []Problem{{Line: 3, Col: 1, Warning: true,
			Msg: "the image https://cdn.example.com/photos/me.jpg?w=400 is on another web site, and a Between site loads nothing from other sites, so that clients' reading stays private: " +
				"clients would see only its description; save the image in static/images/ and write its address as /images/me.jpg"}}},
		{"![A](//cdn.example.com/a)\n", false, []Problem{{Line: 1, Col: 1, Warning: true,
			Msg: "the image //cdn.example.com/a is on another web site, and a Between site loads nothing from other sites, so that clients' reading stays private: " +
				"clients would see only its description; save the image in static/images/ and write its address as /images/picture.jpg"}}},
		{"![Me](/images/me.jpg) and [a site](https://example.com/)\n", false, nil},
		{"`![Me](https://cdn.example.com/me.jpg)`\n", false, nil},
		{"Intro.\n\n<div class=\"note\">\nA note.\n</div>\n", false, []Problem{{Line: 3, Col: 1, Warning: true, Msg: "this HTML (<div>) is" + off}}},
		{"A<br>B and <span>C</span>.\n\n<details>\n\nx\n</details>\n", false, []Problem{{Line: 1, Col: 2, Warning: true,
			Msg: "this HTML (<br>) and 4 more pieces on this page are" + off}}},
		{"<!-- a note to myself -->\n\nText <!--more--> here.\n", false, nil},
		{"```html\n<div>code</div>\n```\n", false, nil},
		{"<div class=\"note\">\nA note.\n</div>\n", true, nil},
		{"Watch:\n\n<iframe src=\"https://www.youtube.com/embed/x\"></iframe>\n", true, []Problem{{Line: 3, Col: 1, Warning: true,
			Msg: "<iframe> loads https://www.youtube.com/embed/x from another web site, which the pages' security rule blocks, so that clients' reading stays private: " +
				"it will not show; put the file in static/ and use its address there, or link to it instead"}}},
		{"<img src=\"/images/a.png\"> <a href=\"https://example.com/\">a site</a>\n", true, nil},
	} {
		d, err := New(tt.unsafe).Convert([]byte(tt.src), Options{Rel: "articles/a.md", Resolve: resolve, BasePath: "/lib/"})
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(d.Problems, tt.want) {
			t.Errorf("%q (unsafe %v): problems\n%+v\nwant\n%+v", tt.src, tt.unsafe, d.Problems, tt.want)
		}
	}
}
