package dev.resilience.core.retry;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Logs exceptions thrown by listeners: the first one at WARNING with its stack trace, later ones at
 * DEBUG, so a listener that always throws cannot flood the log.
 *
 * <p>This class is thread-safe.
 */
final class ListenerFailureLog {

	private static final Logger logger = System.getLogger(ListenerFailureLog.class.getName());

	private final String kind;

	private final AtomicBoolean warned = new AtomicBoolean();

	ListenerFailureLog(String kind) {
		this.kind = kind;
	}

	void log(Object listener, String method, String source, Throwable ex) {
		Level level = this.warned.compareAndSet(false, true) ? Level.WARNING : Level.DEBUG;
		if (!logger.isLoggable(level)) {
			return;
		}
		logger.log(level, this.kind + " " + listener.getClass().getName() + "." + method + " failed for " + source
				+ "; the call goes on without it. Fix the listener so that it does not throw. Later failures "
				+ "of listeners here are logged at DEBUG.", ex);
	}

}
