package build

import (
	"reflect"
	"testing"

	"github.com/between-ssg/between/generator/render"
	"github.com/between-ssg/between/generator/site"
)

// TestOutKeyCoversData: an output's key (outKey) names the fields of render.Data it holds,
// to be cheap on every output of every rebuild; a field added to render.Data must be added
// to it (or here, for a part of the model that the pages' own prints cover), or a rebuild
// would keep an output whose data changed.
func TestOutKeyCoversData(t *testing.T) {
	known := map[string]bool{
		// The model: the pages' and the site's prints and the deps cover it.
		"Site": true, "Page": true, "Section": true, "Tag": true, "Path": true,
		// In the key: outKey.layout, target and pager.
		"Layout": true, "Target": true, "Pager": true,
	}
	typ := reflect.TypeOf(render.Data{})
	for i := range typ.NumField() {
		if f := typ.Field(i); !known[f.Name] {
			t.Errorf("render.Data has a field %s that outKey does not hold", f.Name)
		}
	}
	// samePager compares every field of a Pager and of its links.
	for _, typ := range []reflect.Type{reflect.TypeOf(render.Pager{}), reflect.TypeOf(render.PagerLink{})} {
		for i := range typ.NumField() {
			p, q := render.Pager{Links: []render.PagerLink{{}}}, render.Pager{Links: []render.PagerLink{{}}}
			v := reflect.ValueOf(&p).Elem()
			if typ.Name() == "PagerLink" {
				v = reflect.ValueOf(&p.Links[0]).Elem()
			}
			f := v.Field(i)
			switch f.Kind() {
			case reflect.Int:
				f.SetInt(7)
			case reflect.String:
				f.SetString("/x/")
			case reflect.Bool:
				f.SetBool(true)
			case reflect.Slice:
				f.Set(reflect.MakeSlice(f.Type(), 2, 2))
			default:
				t.Fatalf("%s.%s: a %s, which this test does not know how to set", typ.Name(), typ.Field(i).Name, f.Kind())
			}
			if samePager(&p, &q) {
				t.Errorf("a change of %s.%s leaves samePager true", typ.Name(), typ.Field(i).Name)
			}
		}
	}
}

// TestSitePrintFields: the site's print, which formats only the exported fields of the site,
// changes with each of them (but for the lists, printed apart, and the build date when no
// layout shows it), as the print of the whole value did.
func TestSitePrintFields(t *testing.T) {
	b := newBuilder(writeSite(t, smallSite()))
	mustBuild(t, b)
	s := b.text.site
	base := b.sitePrint(s)
	lists := map[string]bool{"Home": true, "Pages": true, "Sections": true, "Plain": true, "Tags": true, "Paths": true, "Unlisted": true, "BuildDate": true}
	typ := reflect.TypeFor[site.Site]()
	n := 0
	for i := 0; i < typ.NumField(); i++ {
		f := typ.Field(i)
		if !f.IsExported() || lists[f.Name] {
			continue
		}
		c := *s
		v := reflect.ValueOf(&c).Elem().Field(i)
		switch v.Kind() {
		case reflect.String:
			v.SetString(v.String() + "x")
		case reflect.Map:
			m := reflect.MakeMap(v.Type())
			m.SetMapIndex(reflect.ValueOf("x"), reflect.ValueOf(any(1)))
			v.Set(m)
		case reflect.Slice:
			v.Set(reflect.Append(v, reflect.Zero(v.Type().Elem())))
		default:
			t.Fatalf("no change made up for %s (%s): teach the test", f.Name, v.Kind())
		}
		n++
		if b.sitePrint(&c) == base {
			t.Errorf("a change of Site.%s leaves the site's print as it was", f.Name)
		}
	}
	if n < 10 {
		t.Errorf("only %d fields changed", n)
	}
}
