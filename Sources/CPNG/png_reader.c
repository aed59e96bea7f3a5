#include "CPNG.h"

#include <png.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/// The bytes libpng reads from, and whether it asked for more than there were.
typedef struct {
    const uint8_t *bytes;
    size_t length, offset;
    int ran_out;
    png_reader_result *result;
} cursor;

static void read_bytes(png_structp png, png_bytep out, size_t count) {
    cursor *c = png_get_io_ptr(png);
    if (count > c->length - c->offset) {
        c->ran_out = 1;
        png_error(png, "the file ends early");
    }
    memcpy(out, c->bytes + c->offset, count);
    c->offset += count;
}

static void on_error(png_structp png, png_const_charp message) {
    cursor *c = png_get_error_ptr(png);
    snprintf(c->result->message, sizeof c->result->message, "%s", message);
    png_longjmp(png, 1);
}

/// Warnings (an sRGB profile libpng knows to be wrong, say) do not stop the picture.
static void on_warning(png_structp png, png_const_charp message) { (void)png; (void)message; }

/// Sums of the source pixels falling in each pixel of one output row, as an area average is made.
typedef struct {
    int32_t in_width, in_height, out_width, out_height;
    int has_alpha;
    int32_t *column_of;     ///< the output column of each source column
    uint32_t *count_of;     ///< how many source columns each output column takes
    uint64_t *sums;         ///< per output pixel: R, G, B (weighted by alpha when there is one), alpha
    int32_t current_row, rows_in;
    uint8_t *out;
} box;

static int box_init(box *b, int32_t in_w, int32_t in_h, int32_t out_w, int32_t out_h, int has_alpha, uint8_t *out) {
    b->in_width = in_w; b->in_height = in_h; b->out_width = out_w; b->out_height = out_h;
    b->has_alpha = has_alpha; b->out = out; b->current_row = 0;
    b->column_of = malloc(sizeof(int32_t) * (size_t)in_w);
    b->count_of = calloc((size_t)out_w, sizeof(uint32_t));
    b->sums = calloc((size_t)out_w * 4, sizeof(uint64_t));
    if (!b->column_of || !b->count_of || !b->sums) return 0;
    for (int32_t x = 0; x < in_w; x++) {
        int32_t column = (int32_t)((int64_t)x * out_w / in_w);
        b->column_of[x] = column;
        b->count_of[column]++;
    }
    return 1;
}

static void box_free(box *b) { if (b) { free(b->column_of); free(b->count_of); free(b->sums); } }

static void box_flush(box *b) {
    if (b->rows_in == 0) return;
    uint8_t *row = b->out + (size_t)b->current_row * (size_t)b->out_width * 4;
    for (int32_t x = 0; x < b->out_width; x++) {
        uint64_t *s = b->sums + (size_t)x * 4;
        uint64_t n = (uint64_t)b->count_of[x] * (uint64_t)b->rows_in;
        if (b->has_alpha) {
            uint64_t alpha = s[3];
            for (int ch = 0; ch < 3; ch++) row[x * 4 + ch] = alpha ? (uint8_t)((s[ch] + alpha / 2) / alpha) : 0;
            row[x * 4 + 3] = (uint8_t)((alpha + n / 2) / n);
        } else {
            for (int ch = 0; ch < 3; ch++) row[x * 4 + ch] = (uint8_t)((s[ch] + n / 2) / n);
            row[x * 4 + 3] = 255;
        }
    }
    memset(b->sums, 0, sizeof(uint64_t) * (size_t)b->out_width * 4);
    b->rows_in = 0;
}

/// Adds source row `y` (RGBA) to the output row it falls in, writing out the previous one when it changes.
static void box_add(box *b, int32_t y, const uint8_t *rgba) {
    int32_t target = (int32_t)((int64_t)y * b->out_height / b->in_height);
    if (target != b->current_row) { box_flush(b); b->current_row = target; }
    uint64_t *sums = b->sums;
    const int32_t *column_of = b->column_of;
    if (b->has_alpha) {
        for (int32_t x = 0; x < b->in_width; x++) {
            const uint8_t *p = rgba + (size_t)x * 4;
            uint64_t *s = sums + (size_t)column_of[x] * 4;
            uint32_t a = p[3];
            s[0] += (uint32_t)p[0] * a; s[1] += (uint32_t)p[1] * a; s[2] += (uint32_t)p[2] * a; s[3] += a;
        }
    } else {
        for (int32_t x = 0; x < b->in_width; x++) {
            const uint8_t *p = rgba + (size_t)x * 4;
            uint64_t *s = sums + (size_t)column_of[x] * 4;
            s[0] += p[0]; s[1] += p[1]; s[2] += p[2];
        }
    }
    b->rows_in++;
}

void png_reader_free(uint8_t *rgba) { free(rgba); }

void png_reader_decode(const uint8_t *bytes, size_t length, png_reader_result *result) {
    result->rgba = NULL;
    result->width = result->height = result->out_width = result->out_height = 0;
    result->message[0] = 0;
    result->status = png_reader_damaged;

    cursor c = { bytes, length, 0, 0, result };
    png_structp png = png_create_read_struct(PNG_LIBPNG_VER_STRING, &c, on_error, on_warning);
    png_infop info = png ? png_create_info_struct(png) : NULL;
    if (!png || !info) {
        png_destroy_read_struct(png ? &png : NULL, NULL, NULL);
        result->status = png_reader_no_memory;
        snprintf(result->message, sizeof result->message, "out of memory");
        return;
    }
    // Everything allocated below is freed here, also when libpng jumps back with an error.
    // (volatile: their values are read after a longjmp; the box lives on the heap for the same reason.)
    uint8_t *volatile row = NULL, *volatile whole = NULL, *volatile out = NULL;
    png_bytep *volatile rows = NULL;
    box *volatile b = calloc(1, sizeof(box));
    if (!b) {
        png_destroy_read_struct(&png, &info, NULL);
        result->status = png_reader_no_memory;
        snprintf(result->message, sizeof result->message, "out of memory");
        return;
    }
    if (setjmp(png_jmpbuf(png))) {
        result->status = c.ran_out ? png_reader_truncated : png_reader_damaged;
        box_free(b); free(b);
        free(row); free(whole); free(out); free(rows);
        png_destroy_read_struct(&png, &info, NULL);
        return;
    }
    png_set_read_fn(png, &c, read_bytes);
    // ComfyUI writes the prompt and the workflow into tEXt chunks, often hundreds of KB, at times MBs: nothing
    // drawn needs them, so they are skipped unread, and ancillary chunks' CRCs go unchecked (the critical ones,
    // IHDR, PLTE, IDAT and IEND, are still checked).
    static const png_byte text_chunks[] = { 't', 'E', 'X', 't', 0, 'z', 'T', 'X', 't', 0, 'i', 'T', 'X', 't', 0 };
    png_set_keep_unknown_chunks(png, PNG_HANDLE_CHUNK_NEVER, text_chunks, 3);
    png_set_crc_action(png, PNG_CRC_DEFAULT, PNG_CRC_QUIET_USE);
#ifdef PNG_IGNORE_ADLER32
    // Every chunk's CRC is still checked, IDAT's included, which covers what the zlib stream's Adler-32 would.
    png_set_option(png, PNG_IGNORE_ADLER32, PNG_OPTION_ON);
#endif
    png_read_info(png, info);

    png_uint_32 width = png_get_image_width(png, info), height = png_get_image_height(png, info);
    result->width = (int32_t)width;
    result->height = (int32_t)height;
    if ((int64_t)width * (int64_t)height > result->pixel_limit) {
        result->status = png_reader_too_large;
        free(b);
        png_destroy_read_struct(&png, &info, NULL);
        return;
    }
    int color_type = png_get_color_type(png, info);
    int has_alpha = (color_type & PNG_COLOR_MASK_ALPHA) || png_get_valid(png, info, PNG_INFO_tRNS);
    png_set_expand(png);               // palette → RGB, gray under 8 bits → 8, tRNS → alpha
    png_set_strip_16(png);
    png_set_gray_to_rgb(png);
    if (!has_alpha) png_set_filler(png, 0xff, PNG_FILLER_AFTER);
    int passes = png_set_interlace_handling(png);
    png_read_update_info(png, info);
    if (png_get_rowbytes(png, info) != (size_t)width * 4) png_error(png, "an unexpected pixel layout");

    int32_t out_w = (int32_t)width, out_h = (int32_t)height;
    if (result->fit_width > 0 && result->fit_height > 0 && ((int32_t)width > result->fit_width || (int32_t)height > result->fit_height)) {
        double scale_w = (double)result->fit_width / width, scale_h = (double)result->fit_height / height;
        double scale = scale_w < scale_h ? scale_w : scale_h;
        out_w = (int32_t)(width * scale + 0.5); out_h = (int32_t)(height * scale + 0.5);
        if (out_w < 1) out_w = 1;
        if (out_h < 1) out_h = 1;
    }
    out = malloc((size_t)out_w * (size_t)out_h * 4);
    if (!out) png_error(png, "out of memory");
    if (!box_init(b, (int32_t)width, (int32_t)height, out_w, out_h, has_alpha, out)) png_error(png, "out of memory");
    if (passes > 1) {
        // Interlaced: the rows are complete only after the last pass, so the picture is read whole first.
        whole = malloc((size_t)width * (size_t)height * 4);
        rows = malloc(sizeof(png_bytep) * height);
        if (!whole || !rows) png_error(png, "out of memory");
        for (png_uint_32 y = 0; y < height; y++) rows[y] = whole + (size_t)y * width * 4;
        png_read_image(png, rows);
        for (png_uint_32 y = 0; y < height; y++) box_add(b, (int32_t)y, whole + (size_t)y * width * 4);
    } else {
        row = malloc((size_t)width * 4);
        if (!row) png_error(png, "out of memory");
        for (png_uint_32 y = 0; y < height; y++) {
            png_read_row(png, row, NULL);
            box_add(b, (int32_t)y, row);
        }
    }
    box_flush(b);
    png_read_end(png, NULL);

    box_free(b); free(b);
    free(row); free(whole); free(rows);
    png_destroy_read_struct(&png, &info, NULL);
    result->rgba = out;
    result->out_width = out_w;
    result->out_height = out_h;
    result->status = png_reader_ok;
}
