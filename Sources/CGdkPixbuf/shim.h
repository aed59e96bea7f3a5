// gdk-pixbuf (PNG, JPEG, GIF; WebP through webp-pixbuf-loader) for Swift, with the loader's `size-prepared`
// handler in C: g_signal_connect is a macro, and the handler must run inside the decoder, before any pixel.
#ifndef CGDKPIXBUF_SHIM_H
#define CGDKPIXBUF_SHIM_H
#include <gdk-pixbuf/gdk-pixbuf.h>

/// What the decoder is allowed to make, and what the picture's header said.
typedef struct {
    /// The box to fit in while decoding (aspect kept), or 0 for the picture's own size.
    int fit_width, fit_height;
    /// Pictures with more pixels than this are refused before their pixels are decoded.
    long long pixel_limit;
    /// Set by the handler: the size the header declares, and whether it is over the limit.
    int width, height, refused;
} shim_size_request;

static inline void shim_size_prepared(GdkPixbufLoader *loader, gint width, gint height, gpointer data) {
    shim_size_request *request = (shim_size_request *)data;
    request->width = width;
    request->height = height;
    if (width <= 0 || height <= 0 || (long long)width * (long long)height > request->pixel_limit) {
        request->refused = 1;
        return;
    }
    if (request->fit_width > 0 && request->fit_height > 0 && (width > request->fit_width || height > request->fit_height)) {
        double scale = (double)request->fit_width / width;
        double other = (double)request->fit_height / height;
        if (other < scale) scale = other;
        int scaled_width = (int)(width * scale + 0.5), scaled_height = (int)(height * scale + 0.5);
        gdk_pixbuf_loader_set_size(loader, scaled_width > 0 ? scaled_width : 1, scaled_height > 0 ? scaled_height : 1);
    }
}

static inline gulong shim_connect_size_prepared(GdkPixbufLoader *loader, shim_size_request *request) {
    return g_signal_connect(loader, "size-prepared", G_CALLBACK(shim_size_prepared), request);
}
#endif
