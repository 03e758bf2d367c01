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

	/**
	 * Logs a listener failure.
	 * @param listener the listener that threw
	 * @param method the listener method that threw
	 * @param retryName the name of the retry the event was about
	 * @param ex the exception
	 */
	void log(Object listener, String method, String retryName, Throwable ex) {
		Level level = this.warned.compareAndSet(false, true) ? Level.WARNING : Level.DEBUG;
		if (!logger.isLoggable(level)) {
			return;
		}
		logger.log(level, this.kind + " " + listener.getClass().getName() + "." + method + " failed for retry '"
				+ retryName + "' and was skipped; the call goes on. Fix the listener so that it does not throw. "
				+ "Later listener failures here are logged at DEBUG.", ex);
	}

}
