namespace FleetOps.Host.Logging;

/// <summary>
/// Wraps every logger provider the host has (console, and any other), so that no line the host writes (ASP.NET Core's
/// request lines, the engine's, ours) carries a secret: each message, and an exception's text, goes through the
/// <see cref="LogRedactor"/> first.
/// </summary>
public sealed class RedactingLoggerProvider(ILoggerProvider inner, LogRedactor redactor) : ILoggerProvider, ISupportExternalScope
{
    public ILogger CreateLogger(string categoryName) => new RedactingLogger(inner.CreateLogger(categoryName), redactor);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider)
    {
        if (inner is ISupportExternalScope scoped) scoped.SetScopeProvider(scopeProvider);
    }

    public void Dispose() => inner.Dispose();

    /// <summary>Replaces each logger provider registered so far with a redacting wrapper around it.</summary>
    public static void WrapAll(IServiceCollection services, LogRedactor redactor)
    {
        foreach (var descriptor in services.Where(d => d.ServiceType == typeof(ILoggerProvider)).ToList())
        {
            services.Remove(descriptor);
            services.AddSingleton<ILoggerProvider>(sp => new RedactingLoggerProvider(Create(sp, descriptor), redactor));
        }
    }

    private static ILoggerProvider Create(IServiceProvider sp, ServiceDescriptor d) =>
        (ILoggerProvider)(d.ImplementationInstance ?? d.ImplementationFactory?.Invoke(sp) ?? ActivatorUtilities.CreateInstance(sp, d.ImplementationType!));

    private sealed class RedactingLogger(ILogger inner, LogRedactor redactor) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => inner.BeginScope(state);

        public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!inner.IsEnabled(logLevel)) return;
            var message = redactor.Redact(formatter(state, exception));
            if (exception is not null)
            {
                var text = exception.ToString();
                var redacted = redactor.Redact(text);
                // The exception's own text carried a secret: log the redacted text instead of the exception.
                if (!ReferenceEquals(text, redacted) && text != redacted)
                {
                    inner.Log(logLevel, eventId, message + Environment.NewLine + redacted, null, static (s, _) => s);
                    return;
                }
            }
            inner.Log(logLevel, eventId, message, exception, static (s, _) => s);
        }
    }
}
