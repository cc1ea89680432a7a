package build

import (
	"reflect"
	"testing"

	"github.com/between-ssg/between/generator/render"
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
