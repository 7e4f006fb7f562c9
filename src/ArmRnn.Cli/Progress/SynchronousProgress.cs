namespace ArmRnn.Cli.Progress;

/// <summary>An <see cref="IProgress{T}"/> that runs its handler on the reporting thread, at once (unlike
/// <see cref="Progress{T}"/>, which posts to a synchronisation context or the thread pool).</summary>
internal sealed class SynchronousProgress<T>(Action<T> handler) : IProgress<T>
{
    public void Report(T value) => handler(value);
}
