package dev.caig.operator.batch;

/** Reads an Indexed Job's index lists ({@code status.completedIndexes}, {@code failedIndexes}: "0-2,5,7-8"). */
final class IndexRanges {
    private IndexRanges() {
    }

    static int count(String ranges) {
        if (ranges == null || ranges.isBlank()) {
            return 0;
        }
        int count = 0;
        for (String part : ranges.split(",")) {
            String[] ends = part.trim().split("-");
            count += ends.length == 1 ? 1 : Integer.parseInt(ends[1].trim()) - Integer.parseInt(ends[0].trim()) + 1;
        }
        return count;
    }
}
