package dev.unikernel.api;

/** The {@code memory} provider: a block device in the heap, blank at every start, for throwaway servers and tests. */
public final class MemoryDevices {

    private MemoryDevices() {
    }

    @Provider(value = "memory", doc = "a blank block device in memory, lost when the program ends")
    public static BlockDevice memory(
            @Key(name = "{device}-size", doc = "size of the in-memory block device (e.g. 64M)", defaultValue = "64M")
                    ByteSize size) {
        return MemoryBlockDevice.ofSize(size.bytes(), 512);
    }
}
