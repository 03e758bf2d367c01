package dev.resilience.core.breaker;

/**
 * Packs the three counters of a window (calls, failed calls, slow calls) into one {@code long}, so
 * that one atomic add updates all three and one read sees them consistently.
 *
 * <p>Each counter takes 21 bits and is read back as a signed value. A window update may subtract a
 * value just before another thread adds it (see {@link CountBasedWindow}), so a counter can be
 * briefly negative; signed fields make the packed sum exact even then, and readers skip decisions on
 * such a transient snapshot.
 */
final class WindowCounts {

	static final int FIELD_BITS = 21;

	private static final long FIELD_MASK = (1L << FIELD_BITS) - 1;

	private static final int SIGN_SHIFT = Long.SIZE - FIELD_BITS;

	/** Outcome code bit: a call was recorded. */
	static final int RECORDED = 1;

	/** Outcome code bit: the call failed. */
	static final int FAILED = 2;

	/** Outcome code bit: the call was slow. */
	static final int SLOW = 4;

	private WindowCounts() {
	}

	/**
	 * Returns the packed counts that one call with the given outcome code contributes.
	 */
	static long of(int code) {
		if (code == 0) {
			return 0;
		}
		return 1L | ((long) ((code & FAILED) >>> 1) << FIELD_BITS) | ((long) ((code & SLOW) >>> 2) << (2 * FIELD_BITS));
	}

	static int calls(long packed) {
		return field(packed, 0);
	}

	static int failed(long packed) {
		return field(packed, 1);
	}

	static int slow(long packed) {
		return field(packed, 2);
	}

	private static int field(long packed, int index) {
		// Remove the lower fields' contribution first, so a negative lower field borrows correctly.
		long value = packed;
		for (int i = 0; i < index; i++) {
			long low = (value << SIGN_SHIFT) >> SIGN_SHIFT;
			value = (value - low) >> FIELD_BITS;
		}
		return (int) ((value << SIGN_SHIFT) >> SIGN_SHIFT);
	}

	static boolean isConsistent(long packed) {
		int calls = calls(packed);
		int failed = failed(packed);
		int slow = slow(packed);
		return calls >= 0 && failed >= 0 && slow >= 0 && failed <= calls && slow <= calls;
	}

}
