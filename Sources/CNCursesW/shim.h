// ncursesw for Swift 6: macros and mutable globals wrapped as functions (anchors.md §E.3).
#ifndef CNCURSESW_SHIM_H
#define CNCURSESW_SHIM_H
#define _XOPEN_SOURCE_EXTENDED 1
#define NCURSES_WIDECHAR 1
#include <locale.h>
#include <signal.h>
#include <ncursesw/curses.h>

static inline int     shim_color_pair(int n)   { return COLOR_PAIR(n); }
static inline int     shim_getmaxy(WINDOW *w)  { return getmaxy(w); }
static inline int     shim_getmaxx(WINDOW *w)  { return getmaxx(w); }
static inline WINDOW *shim_stdscr(void)        { return stdscr; }
static inline int     shim_colors(void)        { return COLORS; }
static inline int     shim_color_pairs(void)   { return COLOR_PAIRS; }
static inline int     shim_key_resize(void)    { return KEY_RESIZE; }
static inline int     shim_err(void)           { return ERR; }
static inline attr_t  shim_a_bold(void)        { return A_BOLD; }
static inline attr_t  shim_a_underline(void)   { return A_UNDERLINE; }
static inline attr_t  shim_a_reverse(void)     { return A_REVERSE; }
static inline attr_t  shim_a_dim(void)         { return A_DIM; }
static inline attr_t  shim_a_color(void)       { return A_COLOR; }
static inline mmask_t shim_button1_pressed(void) { return BUTTON1_PRESSED; }
static inline mmask_t shim_button4_pressed(void) { return BUTTON4_PRESSED; }
static inline mmask_t shim_button5_pressed(void) { return BUTTON5_PRESSED; }
#endif
