// libchafa (symbol art, sixel, kitty and iTerm2 images) for Swift. Its headers include glib's, whose paths come
// from pkg-config (`chafa.pc`); SwiftPM drops pkg-config's `-pthread`, which the headers do not need.
#ifndef CCHAFA_SHIM_H
#define CCHAFA_SHIM_H
#include <chafa.h>
#endif
