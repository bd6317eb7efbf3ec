package dev.countersign.testing.servers.internal;

import dev.countersign.testing.servers.Fault;
import dev.countersign.testing.servers.RecordedRequest;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** The request log and the queue of armed faults of one registry; thread-safe. */
public final class RequestLog {
  private final List<RecordedRequest> requests = new ArrayList<>();
  private final List<Fault> faults = new ArrayList<>();
  private final List<Integer> remaining = new ArrayList<>();
  private int taken;

  synchronized void add(RecordedRequest r) {
    requests.add(r);
  }

  /** All requests so far, oldest first. */
  public synchronized List<RecordedRequest> requests() {
    return List.copyOf(requests);
  }

  public synchronized int count() {
    return requests.size();
  }

  /** The oldest request not taken yet, or null. */
  public synchronized RecordedRequest take() {
    return taken < requests.size() ? requests.get(taken++) : null;
  }

  /** The oldest request not taken yet; fails when every logged request was taken. */
  public synchronized RecordedRequest takeOrFail() {
    RecordedRequest r = take();
    if (r == null) {
      throw new IllegalStateException("no request left to take (" + count() + " received)");
    }
    return r;
  }

  public synchronized void enqueue(Fault fault) {
    faults.add(fault);
    remaining.add(fault.times());
  }

  /** The first armed fault matching the request (using one of its times), or null. */
  synchronized Fault next(String method, String path) {
    for (int i = 0; i < faults.size(); i++) {
      if (faults.get(i).matches(method, path)) {
        Fault f = faults.get(i);
        if (remaining.get(i) == 1) {
          faults.remove(i);
          remaining.remove(i);
        } else {
          remaining.set(i, remaining.get(i) - 1);
        }
        return f;
      }
    }
    return null;
  }

  /** Faults still armed. */
  public synchronized int pendingFaults() {
    int n = 0;
    for (Iterator<Integer> it = remaining.iterator(); it.hasNext(); ) {
      n += it.next();
    }
    return n;
  }

  /** Forgets requests and faults. */
  public synchronized void clear() {
    requests.clear();
    faults.clear();
    remaining.clear();
    taken = 0;
  }
}
