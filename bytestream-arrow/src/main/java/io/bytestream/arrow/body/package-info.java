/**
 * The body of a record or dictionary batch: its field nodes and buffers, validated, decompressed and
 * converted to little-endian for the column readers.
 */
package io.bytestream.arrow.body;
