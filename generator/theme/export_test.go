package theme

// SetFramesOff makes every layout run as a template (or not), for tests that compare the
// two ways, and returns what puts it back.
func SetFramesOff(off bool) (restore func()) {
	old := framesOff
	framesOff = off
	return func() { framesOff = old }
}

// FrameSteps is how many steps the frame of layout has, read so far: 0 for none.
func FrameSteps(t *Theme, layout string) int {
	f := t.frames[layout]
	if f == nil {
		return 0
	}
	s := f.steps.Load()
	if s == nil {
		return 0
	}
	return len(*s)
}
