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
	// Every field of a Pager is in its print.
	pager := reflect.TypeOf(render.Pager{})
	for i := range pager.NumField() {
		p := render.Pager{}
		f := reflect.ValueOf(&p).Elem().Field(i)
		switch f.Kind() {
		case reflect.Int:
			f.SetInt(7)
		case reflect.String:
			f.SetString("/x/")
		case reflect.Slice:
			f.Set(reflect.MakeSlice(f.Type(), 1, 1))
		default:
			t.Fatalf("Pager.%s: a %s, which this test does not know how to set", pager.Field(i).Name, f.Kind())
		}
		if pagerPrint(&render.Output{Data: &render.Data{Pager: &p}}) == pagerPrint(&render.Output{Data: &render.Data{Pager: &render.Pager{}}}) {
			t.Errorf("a change of Pager.%s leaves pagerPrint as it was", pager.Field(i).Name)
		}
	}
}
