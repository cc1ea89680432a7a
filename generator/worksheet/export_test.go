package worksheet

// ItemWork is itemWork, for TestItemWork in package worksheet_test.
var ItemWork = &itemWork
