/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */

/**
 * Decodes Arrow IPC streams into Trino blocks. This package is the public API, on top of the internal
 * packages: {@code column} (column readers) over {@code body} (batch bodies) over {@code schema} over
 * {@code message} (stream framing), with {@code compression} and {@code format} (the internal errors) at
 * the bottom. Each uses only packages below it.
 */
package io.bytestream.arrow;
