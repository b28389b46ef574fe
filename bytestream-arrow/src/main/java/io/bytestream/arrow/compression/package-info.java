/**
 * The codecs of Arrow's body compression (LZ4_FRAME and ZSTD), decoding one buffer between byte arrays.
 */
package io.bytestream.arrow.compression;
