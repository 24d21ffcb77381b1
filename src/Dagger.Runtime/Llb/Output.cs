namespace Dagger.Runtime.Llb;

/// <summary>One output of a vertex; <paramref name="Platform"/> is handed on to states built from it.</summary>
internal sealed record Output(Vertex Vertex, int Index, Platform? Platform);
