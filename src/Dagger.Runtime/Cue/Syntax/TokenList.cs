namespace Dagger.Runtime.Cue.Syntax;

/// <summary>
/// The tokens of a source text. Short texts (most are interpolations of a few tokens) use a small growing list;
/// past <see cref="HeadSize"/> tokens the rest go in fixed chunks, small enough to stay off the large object heap:
/// a large plan's token array would land there, and each large allocation brings a full garbage collection closer.
/// </summary>
internal sealed class TokenList
{
    private const int HeadSize = 2048;
    private const int Shift = 10;
    private const int ChunkSize = 1 << Shift;
    private readonly List<Token> _head = [];
    private List<Token[]>? _chunks;

    public int Count { get; private set; }

    /// <summary>The text after <c>//</c> of each comment by line, and whether it stood alone on its line.</summary>
    public Dictionary<int, (string Text, bool OwnLine)>? Comments { get; set; }

    public Token this[int index]
    {
        get
        {
            if (index < HeadSize)
            {
                return _head[index];
            }

            index -= HeadSize;
            return _chunks![index >> Shift][index & (ChunkSize - 1)];
        }
    }

    public void Add(Token t)
    {
        if (Count < HeadSize)
        {
            _head.Add(t);
        }
        else
        {
            var i = Count - HeadSize;
            if ((i & (ChunkSize - 1)) == 0)
            {
                (_chunks ??= []).Add(new Token[ChunkSize]);
            }

            _chunks![^1][i & (ChunkSize - 1)] = t;
        }

        Count++;
    }
}
