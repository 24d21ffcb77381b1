using Dagger.Runtime.Engine.Events;

namespace Dagger.Tool.Rendering;

/// <summary>The JSON event stream (<c>docs/events.md</c>): every event, one object a line.</summary>
internal sealed class JsonRenderer(TextWriter output) : IEventRenderer
{
    public void Render(RunEvent e) => output.WriteLine(EventJson.Serialize(e));

    /// <summary>Nothing to finish: each event was written as it came.</summary>
    public void Dispose()
    {
    }
}
