package dev.countersign.pgp.internal.chart;

import java.util.Comparator;

/**
 * go-yaml v2's map key order ({@code sorter.go} {@code keyList.Less}) for string keys: letters compare by code
 * point, a non-letter sorts before a letter, and runs of digits compare by numeric value ({@code a2 < a10}).
 */
public final class GoKeyOrder implements Comparator<String> {
  /** The shared instance. */
  public static final GoKeyOrder INSTANCE = new GoKeyOrder();

  private GoKeyOrder() {}

  @Override
  public int compare(String a, String b) {
    if (a.equals(b)) {
      return 0;
    }
    return less(a, b) ? -1 : less(b, a) ? 1 : a.compareTo(b);
  }

  /** A direct port of {@code keyList.Less} for two strings. */
  static boolean less(String as, String bs) {
    int[] ar = as.codePoints().toArray();
    int[] br = bs.codePoints().toArray();
    for (int i = 0; i < ar.length && i < br.length; i++) {
      if (ar[i] == br[i]) {
        continue;
      }
      boolean al = Character.isLetter(ar[i]);
      boolean bl = Character.isLetter(br[i]);
      if (al && bl) {
        return ar[i] < br[i];
      }
      if (al || bl) {
        return bl;
      }
      long an = 0;
      long bn = 0;
      if (ar[i] == '0' || br[i] == '0') {
        for (int j = i - 1; j >= 0 && isDigit(ar[j]); j--) {
          if (ar[j] != '0') {
            an = 1;
            bn = 1;
            break;
          }
        }
      }
      int ai = i;
      for (; ai < ar.length && isDigit(ar[ai]); ai++) {
        an = an * 10 + (ar[ai] - '0');
      }
      int bi = i;
      for (; bi < br.length && isDigit(br[bi]); bi++) {
        bn = bn * 10 + (br[bi] - '0');
      }
      if (an != bn) {
        return an < bn;
      }
      if (ai != bi) {
        return ai < bi;
      }
      return ar[i] < br[i];
    }
    return ar.length < br.length;
  }

  private static boolean isDigit(int c) {
    // unicode.IsDigit is true for all Nd; the arithmetic (c - '0') is what Go does too.
    return Character.getType(c) == Character.DECIMAL_DIGIT_NUMBER;
  }
}
