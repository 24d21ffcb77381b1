namespace Dagger.Runtime.Llb;

/// <summary>Options of an image source.</summary>
public sealed record ImageOptions
{
    /// <summary>Where BuildKit looks for the image.</summary>
    public ImageResolveMode ResolveMode { get; init; }

    /// <summary>Name, metadata and platform of the op; the platform selects the image variant and becomes the state's.</summary>
    public OpOptions Op { get; init; } = OpOptions.Default;
}
