#ifndef CPNG_H
#define CPNG_H

#include <stddef.h>
#include <stdint.h>

/// How a PNG decode ended.
typedef enum {
    png_reader_ok = 0,
    png_reader_too_large = 1,   ///< the header's size is over the pixel limit: nothing else was read
    png_reader_damaged = 2,     ///< libpng refused the data (`message` says why)
    png_reader_truncated = 3,   ///< the bytes ended before the picture did
    png_reader_no_memory = 4,
} png_reader_status;

/// A request (the `fit_*` box and `pixel_limit`) and its answer (the rest).
typedef struct {
    int32_t fit_width, fit_height;  ///< the box the result fits in, aspect kept, never enlarged; 0: full size
    int64_t pixel_limit;            ///< pictures with more pixels are refused from their header
    int32_t width, height;          ///< the size the header declares
    int32_t out_width, out_height;  ///< the size of `rgba`
    uint8_t *rgba;                  ///< packed RGBA, unassociated alpha; free with png_reader_free
    png_reader_status status;
    char message[256];
} png_reader_result;

/// Decodes the PNG in `bytes` with libpng, one row at a time, averaging each row into the box's pixels as it
/// comes (an area average), so a large picture never exists in memory at full size unless it is interlaced.
void png_reader_decode(const uint8_t *bytes, size_t length, png_reader_result *result);

void png_reader_free(uint8_t *rgba);

#endif
