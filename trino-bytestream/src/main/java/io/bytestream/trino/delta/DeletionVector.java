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

package io.bytestream.trino.delta;

import io.delta.kernel.internal.actions.DeletionVectorDescriptor;

import java.util.Optional;

import static io.airlift.slice.SizeOf.estimatedSizeOf;
import static io.airlift.slice.SizeOf.instanceSize;
import static java.util.Objects.requireNonNull;

/**
 * The deletion vector of a data file as the Delta log describes it: the deleted rows inline in the log
 * ({@code storageType} {@code i}), or in a file beside the table by UUID ({@code u}) or by absolute path ({@code p}).
 * The rows themselves are read by {@link DeletedRows#of}.
 *
 * @param cardinality the number of deleted rows
 */
public record DeletionVector(String storageType, String pathOrInlineDv, Optional<Integer> offset, int sizeInBytes, long cardinality)
{
    private static final int INSTANCE_SIZE = instanceSize(DeletionVector.class);

    public DeletionVector
    {
        requireNonNull(storageType, "storageType is null");
        requireNonNull(pathOrInlineDv, "pathOrInlineDv is null");
        requireNonNull(offset, "offset is null");
    }

    static DeletionVector of(DeletionVectorDescriptor descriptor)
    {
        return new DeletionVector(descriptor.getStorageType(), descriptor.getPathOrInlineDv(), descriptor.getOffset(), descriptor.getSizeInBytes(), descriptor.getCardinality());
    }

    DeletionVectorDescriptor descriptor()
    {
        return new DeletionVectorDescriptor(storageType, pathOrInlineDv, offset, sizeInBytes, cardinality);
    }

    long retainedSizeInBytes()
    {
        return INSTANCE_SIZE + estimatedSizeOf(storageType) + estimatedSizeOf(pathOrInlineDv);
    }
}
