using Dagger.Runtime.Engine.Events;

namespace Dagger.Tool.Rendering;

/// <summary>Shows the engine's events to the user, as they come; disposed when the command is done with it.</summary>
internal interface IEventRenderer : IDisposable
{
    /// <summary>Shows one event. Called from one thread at a time.</summary>
    void Render(RunEvent e);
}
