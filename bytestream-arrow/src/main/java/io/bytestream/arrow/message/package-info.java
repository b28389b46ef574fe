/**
 * The framing of an Arrow IPC stream: its messages, with their flatbuffer metadata and where their bodies lie.
 */
package io.bytestream.arrow.message;
