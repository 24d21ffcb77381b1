namespace Dagger.Runtime.Llb;

/// <summary>Where BuildKit looks for an image.</summary>
public enum ImageResolveMode
{
    /// <summary>BuildKit's default policy; no attribute is written.</summary>
    Default = 0,

    /// <summary>Always ask the registry (<c>image.resolvemode=pull</c>).</summary>
    ForcePull = 1,

    /// <summary>Prefer an image already in the engine's store (<c>image.resolvemode=local</c>).</summary>
    PreferLocal = 2,
}
