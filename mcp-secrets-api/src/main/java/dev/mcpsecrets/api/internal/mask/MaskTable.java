package dev.mcpsecrets.api.internal.mask;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * An immutable lookup over the prints of some entries, made once per change of registrations and
 * shared by every scanner. Windows are found by their anchor hash in one open-addressing table per
 * anchor length (one table in the usual case: every form of eight bytes or more has an anchor of
 * eight); candidates under one anchor are ordered longest first, so the longest form wins.
 */
public final class MaskTable {
    private static final MaskTable EMPTY = new MaskTable(null, List.of());

    private final MaskKeys keys;
    private final List<MaskEntry> entries;
    /** Anchor lengths, longest first. */
    final int[] anchorLengths;
    final long[] leavingWeights;
    /** Per anchor length: slots of (anchor hash, first candidate, candidate count); count 0 is empty. */
    final int[][] slotHash;
    final int[][] slotFirst;
    final int[][] slotCount;
    final int[] length;
    final long[] fullHash;
    final byte[][] mac;
    final boolean[] spansLines;
    final MaskEntry[] owner;
    private final long[] firstBytes = new long[4];
    final boolean anySpansLines;

    private MaskTable(MaskKeys keys, List<MaskEntry> entries) {
        this.keys = keys;
        this.entries = entries;
        record Candidate(MaskEntry entry, MaskEntry.Print print) {
        }
        List<Candidate> all = new ArrayList<>();
        for (MaskEntry e : entries) {
            for (MaskEntry.Print p : e.prints()) {
                all.add(new Candidate(e, p));
            }
        }
        all.sort(Comparator.comparingInt((Candidate c) -> -c.print().anchorLength())
                .thenComparingInt(c -> c.print().anchorHash())
                .thenComparingInt(c -> -c.print().length()));
        int n = all.size();
        length = new int[n];
        fullHash = new long[n];
        mac = new byte[n][];
        spansLines = new boolean[n];
        owner = new MaskEntry[n];
        List<Integer> groupStarts = new ArrayList<>();
        boolean spans = false;
        for (int i = 0; i < n; i++) {
            MaskEntry.Print p = all.get(i).print();
            length[i] = p.length();
            fullHash[i] = p.fullHash();
            mac[i] = p.mac();
            spansLines[i] = p.spansLines();
            owner[i] = all.get(i).entry();
            spans |= p.spansLines();
            firstBytes[p.firstByte() >>> 6] |= 1L << (p.firstByte() & 63);
            if (i == 0 || all.get(i - 1).print().anchorLength() != p.anchorLength()) {
                groupStarts.add(i);
            }
        }
        anySpansLines = spans;
        int groups = groupStarts.size();
        anchorLengths = new int[groups];
        leavingWeights = new long[groups];
        slotHash = new int[groups][];
        slotFirst = new int[groups][];
        slotCount = new int[groups][];
        for (int g = 0; g < groups; g++) {
            int from = groupStarts.get(g);
            int to = g + 1 < groups ? groupStarts.get(g + 1) : n;
            anchorLengths[g] = all.get(from).print().anchorLength();
            leavingWeights[g] = keys.leavingWeight(anchorLengths[g]);
            int size = Integer.highestOneBit(Math.max(4, (to - from) * 2) - 1) << 1;
            slotHash[g] = new int[size];
            slotFirst[g] = new int[size];
            slotCount[g] = new int[size];
            for (int i = from; i < to; i++) {
                int h = all.get(i).print().anchorHash();
                if (i > from && all.get(i - 1).print().anchorHash() == h) {
                    continue;
                }
                int s = spread(h) & (size - 1);
                while (slotCount[g][s] != 0) {
                    s = (s + 1) & (size - 1);
                }
                int count = 0;
                while (i + count < to && all.get(i + count).print().anchorHash() == h) {
                    count++;
                }
                slotHash[g][s] = h;
                slotFirst[g][s] = i;
                slotCount[g][s] = count;
            }
        }
    }

    /**
     * The table with no entry.
     *
     * @return the empty table
     */
    public static MaskTable empty() {
        return EMPTY;
    }

    /**
     * A table over the given entries, all printed with {@code keys}.
     *
     * @param keys the keys the entries were printed with
     * @param entries the entries
     * @return the table
     */
    public static MaskTable of(MaskKeys keys, List<MaskEntry> entries) {
        Objects.requireNonNull(keys, "keys");
        boolean any = false;
        for (MaskEntry e : entries) {
            any |= e.masks();
        }
        return any ? new MaskTable(keys, List.copyOf(entries)) : EMPTY;
    }

    /**
     * Whether nothing is masked (then masking is a no-op that costs one check).
     *
     * @return {@code true} without entries
     */
    public boolean isEmpty() {
        return length.length == 0;
    }

    /**
     * The entries behind this table.
     *
     * @return the entries
     */
    public List<MaskEntry> entries() {
        return entries;
    }

    MaskKeys keys() {
        return keys;
    }

    /** Whether some form begins with this byte, so that a window starting with it may still grow into a match. */
    boolean mayStartWith(byte b) {
        int u = b & 0xFF;
        return (firstBytes[u >>> 6] & (1L << (u & 63))) != 0;
    }

    /** The slot of this anchor hash in group {@code g}, or -1. */
    int find(int g, int anchorHash) {
        int[] hashes = slotHash[g];
        int[] counts = slotCount[g];
        int m = hashes.length - 1;
        int s = spread(anchorHash) & m;
        while (counts[s] != 0) {
            if (hashes[s] == anchorHash) {
                return s;
            }
            s = (s + 1) & m;
        }
        return -1;
    }

    static int spread(int h) {
        return h ^ (h >>> 16);
    }

    @Override
    public String toString() {
        return "MaskTable[" + entries.size() + " values, " + length.length + " forms]";
    }
}
