/**
 * The errors of the packages below the public API: a malformed stream, or a type the decoder cannot map.
 */
package io.bytestream.arrow.format;
