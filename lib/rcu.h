/* Read-copy-update (RCU), quiescent-state based: readers take no locks and
 * write no shared memory per access; writers publish new versions of a
 * structure and free the old ones only once no reader can hold them.
 *
 * Design
 * ------
 * A thread that reads RCU-protected structures registers itself.  A
 * registered thread is "online" and may hold pointers to protected memory
 * from the moment it loads them until it next calls rcu_quiesce() (or goes
 * offline).  A writer that unlinks memory from a protected structure hands
 * the memory to rcu_postpone(), which runs a callback (usually free) once
 * every online thread has quiesced at least once since the call: a "grace
 * period".  Threads that are offline (blocked in poll, epoll_wait, a
 * condition variable) hold nothing and do not delay grace periods.
 *
 * Implementation: a global epoch counter.  Each registered thread publishes
 * the epoch it last saw when it quiesced (0 while offline).  A background
 * thread, started on the first rcu_postpone(), takes the callbacks queued so
 * far, advances the epoch, waits until every online thread has published
 * the new epoch, then runs the callbacks in the order they were queued.
 * rcu_quiesce() is one load and (when the epoch moved) one store to the
 * thread's own cache line: no lock, no allocation, no system call.  The
 * background thread polls the readers with a short back-off (at most about
 * a millisecond of sleep), so a grace period lasts about as long as the
 * slowest online reader takes to quiesce.
 *
 * Threads that never register may still read structures that they alone
 * modify (a writer reading its own data) without any of this; they must not
 * read structures that another thread modifies.
 *
 * Publishing and reading protected pointers: a writer fills in a new object
 * with plain stores, then makes it reachable with rcu_set() (a release
 * store), so that a reader that finds the object with rcu_get() (an acquire
 * load) sees it fully initialized.  Readers must load every protected
 * pointer with rcu_get(), exactly once per use, and must not keep it past
 * their next rcu_quiesce().  The writer, being the only thread that stores
 * to the pointer, may read it with a plain load.
 *
 * Thread-safety: every function may be called from any thread, except where
 * a function says otherwise.  Callbacks run on the RCU background thread;
 * they may call rcu_postpone() but not rcu_synchronize() or rcu_barrier(),
 * and must not block for long, since they delay every later callback. */
#ifndef PONT_RCU_H
#define PONT_RCU_H 1

/* Loads the protected pointer 'PTR' (an lvalue of pointer type) with
 * acquire order: the object it points to is seen as its publisher filled it
 * in.  For readers (registered online threads) and the writer. */
#define rcu_get(PTR) __atomic_load_n(&(PTR), __ATOMIC_ACQUIRE)

/* Stores 'VALUE' into the protected pointer 'PTR' (an lvalue of pointer
 * type) with release order: every store the caller made before, in
 * particular to the object 'VALUE' points to, is visible to a reader that
 * loads 'VALUE' with rcu_get().  For the writer. */
#define rcu_set(PTR, VALUE) __atomic_store_n(&(PTR), (VALUE), __ATOMIC_RELEASE)

/* Registers the calling thread as a reader, online.  Calling it again on a
 * registered thread does nothing.  Allocates a little memory (aborts if
 * there is none, like xmalloc).  A registered thread should call
 * rcu_unregister_thread() before it exits; if it does not, exiting
 * unregisters it. */
void rcu_register_thread(void);

/* Unregisters the calling thread, which must then hold no protected
 * pointers.  Does nothing on a thread that is not registered. */
void rcu_unregister_thread(void);

/* Declares that the calling thread holds no protected pointers now.  Cheap
 * enough to call per packet batch: no lock, no allocation.  Does nothing
 * on a thread that is not registered or is offline. */
void rcu_quiesce(void);

/* Takes the calling registered thread offline, around a call that may
 * block: it holds no protected pointers until rcu_thread_online(), and
 * grace periods do not wait for it.  Both do nothing on a thread that is
 * not registered; going offline twice or online twice is harmless. */
void rcu_thread_offline(void);
void rcu_thread_online(void);

/* Arranges for 'cb(aux)' to run on the RCU background thread after every
 * thread that is online now has quiesced (or gone offline) at least once.
 * May be called from any thread, registered or not, and from callbacks.
 * Never fails (aborts on out of memory, like xmalloc).  Callbacks run in
 * the order they were postponed. */
void rcu_postpone(void (*cb)(void *aux), void *aux);

/* Waits for a full grace period: when it returns, every thread that was
 * online at the call has quiesced since.  If the calling thread is
 * registered and online, it counts as quiescent (it must not use pointers
 * it loaded before the call) and is online again on return.  Not from a
 * callback. */
void rcu_synchronize(void);

/* Waits until every callback postponed before the call has run.  Like
 * rcu_synchronize(), the calling thread counts as quiescent.  For tests and
 * orderly shutdown.  Not from a callback. */
void rcu_barrier(void);

#endif /* lib/rcu.h */
