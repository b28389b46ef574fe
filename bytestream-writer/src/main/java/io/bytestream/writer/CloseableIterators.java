package io.bytestream.writer;

import io.delta.kernel.utils.CloseableIterator;

import java.util.Iterator;
import java.util.List;

final class CloseableIterators
{
    private CloseableIterators() {}

    static <T> CloseableIterator<T> closeableIterator(List<T> elements)
    {
        Iterator<T> iterator = elements.iterator();
        return new CloseableIterator<>()
        {
            @Override
            public boolean hasNext()
            {
                return iterator.hasNext();
            }

            @Override
            public T next()
            {
                return iterator.next();
            }

            @Override
            public void close() {}
        };
    }
}
