package dev.cowscope.ui.common;

import java.util.AbstractList;

/**
 * The integers {@code first … first + size - 1} as a list, with nothing stored: table rows are
 * indexes into primitive columns, materialised only for the cells on screen.
 */
public final class LazyIndexList extends AbstractList<Integer> {
    private final int first;
    private final int size;

    public LazyIndexList(int first, int size) {
        if (first < 0 || size < 0) {
            throw new IllegalArgumentException("first and size must not be negative");
        }
        this.first = first;
        this.size = size;
    }

    @Override
    public Integer get(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException(index);
        }
        return first + index;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public int indexOf(Object o) {
        if (!(o instanceof Integer)) {
            return -1;
        }
        int i = (Integer) o - first;
        return i >= 0 && i < size ? i : -1;
    }

    @Override
    public int lastIndexOf(Object o) {
        return indexOf(o);
    }

    @Override
    public boolean contains(Object o) {
        return indexOf(o) >= 0;
    }
}
