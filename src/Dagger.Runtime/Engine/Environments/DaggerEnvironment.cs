using Dagger.Runtime.Engine.Diagnostics;
using Dagger.Runtime.Engine.Environments.Age;
using Dagger.Runtime.Engine.Plans;

namespace Dagger.Runtime.Engine.Environments;

/// <summary>
/// One environment of a project: <c>.dagger/env/NAME/values.yaml</c> (committed) and <c>state/</c> (not committed:
/// <c>computed.json</c>, <c>history/</c>, the lock).
/// </summary>
public sealed class DaggerEnvironment
{
    /// <summary>The name of the file that holds an environment's plan and inputs.</summary>
    public const string ValuesFileName = "values.yaml";

    internal DaggerEnvironment(DaggerProject project, string name)
    {
        Project = project;
        Name = name;
    }

    /// <summary>The project.</summary>
    public DaggerProject Project { get; }

    /// <summary>The environment's name.</summary>
    public string Name { get; }

    /// <summary>The environment's folder.</summary>
    public string Directory => Path.Combine(Project.EnvironmentsDirectory, Name);

    /// <summary>Its <c>values.yaml</c>.</summary>
    public string ValuesPath => Path.Combine(Directory, ValuesFileName);

    /// <summary>Its state folder (not committed).</summary>
    public string StateDirectory => Path.Combine(Directory, "state");

    /// <summary>The computed values of the last successful run: <c>state/computed.json</c>.</summary>
    public string ComputedPath => Path.Combine(StateDirectory, "computed.json");

    /// <summary>The run history: <c>state/history/</c>.</summary>
    public string HistoryDirectory => Path.Combine(StateDirectory, "history");

    /// <summary>The lock file that keeps runs of the environment from overlapping.</summary>
    public string LockPath => Path.Combine(StateDirectory, "lock");

    /// <summary>Reads <c>values.yaml</c>.</summary>
    /// <exception cref="DaggerException"><see cref="ErrorCodes.ValuesInvalid"/> with the file and the line.</exception>
    public EnvironmentValues Load()
    {
        string text;
        try
        {
            text = File.ReadAllText(ValuesPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DaggerException(ErrorCodes.ValuesInvalid, Message.Format(Messages.CannotRead, ValuesPath, e.Message), null, e);
        }

        return ValuesFile.Parse(text, ValuesPath);
    }

    /// <summary>Writes <c>values.yaml</c> atomically; a file whose text would not change is not touched.</summary>
    public void Save(EnvironmentValues values)
    {
        var text = ValuesFile.Write(values);
        if (File.Exists(ValuesPath) && File.ReadAllText(ValuesPath) == text)
        {
            return;
        }

        AtomicFile.Write(ValuesPath, text);
    }

    /// <summary>The plan's module folder, absolute.</summary>
    public string ModuleDirectory(EnvironmentValues values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return Path.GetFullPath(values.Plan.Module ?? ".", Project.Root);
    }

    /// <summary>
    /// Where the plan loads from: the folder of a local package (<c>./ci</c>), or the module's folder with the
    /// package's import path to load.
    /// </summary>
    public (string Directory, string? Package) PlanLocation(EnvironmentValues values)
    {
        var module = ModuleDirectory(values);
        return values.Plan.Package switch
        {
            null => (module, null),
            var p when p.StartsWith('.') => (Path.GetFullPath(p, module), null),
            var p => (module, p),
        };
    }

    /// <summary>
    /// The inputs as the plan takes them: paths resolved against the project, secrets decrypted with
    /// <paramref name="keys"/> (only asked for when there is a secret).
    /// </summary>
    /// <exception cref="DaggerException"><see cref="ErrorCodes.SecretKey"/> when a secret does not open.</exception>
    public IReadOnlyList<PlanInput> PlanInputs(EnvironmentValues values, Func<AgeKeyring> keys)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(keys);
        AgeKeyring? keyring = null;
        var inputs = new List<PlanInput>();
        foreach (var (path, input) in values.Inputs)
        {
            inputs.Add(input switch
            {
                TextValue t => new TextInput(path, t.Text),
                JsonValue j => new JsonInput(path, j.Json),
                YamlValue y => new YamlInput(path, y.Yaml),
                BoolValue b => new BoolInput(path, b.Value),
                FileValue f => new FileInput(path, Path.GetFullPath(f.Path, Project.Root)),
                DirValue d => new DirectoryInput(path, Path.GetFullPath(d.Path, Project.Root), d.Include, d.Exclude),
                GitValue g => new GitInput(path, g.Remote, g.Ref, g.Dir),
                SocketValue s => new SocketInput(path, s.Unix),
                SecretValue s => new SecretInput(path, Decrypt(path, s, keyring ??= keys())),
                _ => throw new DaggerException(ErrorCodes.ValuesInvalid, Message.Format(Messages.ValuesInputKindUnknown, ValuesPath, path, input.Kind)),
            });
        }

        return inputs;
    }

    /// <summary>Decrypts the secret at <paramref name="path"/>.</summary>
    /// <exception cref="DaggerException"><see cref="ErrorCodes.SecretKey"/>, naming the environment and the key file.</exception>
    public string Decrypt(string path, SecretValue secret, AgeKeyring keys)
    {
        ArgumentNullException.ThrowIfNull(secret);
        ArgumentNullException.ThrowIfNull(keys);
        if (keys.Identities.Count == 0)
        {
            throw new DaggerException(ErrorCodes.SecretKey, Message.Format(Messages.SecretNoAgeKey, Name, path, keys.Source, AgeKeyring.KeyVariable));
        }

        try
        {
            return keys.TryDecrypt(secret.Armored)
                ?? throw new DaggerException(ErrorCodes.SecretKey, Message.Format(Messages.SecretForOtherRecipients, Name, path, keys.Source));
        }
        catch (AgeException e)
        {
            throw new DaggerException(ErrorCodes.SecretKey, Message.Format(Messages.SecretNotAnAgeFile, Name, path, ValuesPath, e.Message));
        }
    }

    /// <summary>
    /// Encrypts <paramref name="plaintext"/> for the key and the project's recipients, unless <paramref name="previous"/>
    /// already holds that plaintext: then it is kept as it is, so that <c>values.yaml</c> does not churn.
    /// </summary>
    public SecretValue Encrypt(string plaintext, SecretValue? previous, AgeKeyring keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        if (previous is not null)
        {
            try
            {
                if (keys.TryDecrypt(previous.Armored) == plaintext)
                {
                    return previous;
                }
            }
            catch (AgeException)
            {
                // A damaged secret is replaced.
            }
        }

        return new SecretValue(keys.Encrypt(plaintext, Project.ExtraRecipients()));
    }
}
