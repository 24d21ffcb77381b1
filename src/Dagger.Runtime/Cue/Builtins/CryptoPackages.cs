using System.Numerics;
using System.Security.Cryptography;

using Dagger.Runtime.Cue.Core;

using static Dagger.Runtime.Cue.Builtins.PackageBuilder;

namespace Dagger.Runtime.Cue.Builtins;

/// <summary>The <c>crypto/*</c> hash packages and <c>crypto/hmac</c>.</summary>
internal static class CryptoPackages
{
    private const Kind D = Kind.Bytes | Kind.String;

#pragma warning disable CA5350, CA5351 // MD5 and SHA-1 are part of CUE's standard library; they are not used for security here.
    public static PackageValue Md5() => new PackageBuilder("crypto/md5")
        .Fn("Sum", [D], Kind.Bytes, c => new BytesValue(MD5.HashData(c.Bytes(0))))
        .Const("Size", Int(16)).Const("BlockSize", Int(64))
        .Build();

    public static PackageValue Sha1() => new PackageBuilder("crypto/sha1")
        .Fn("Sum", [D], Kind.Bytes, c => new BytesValue(SHA1.HashData(c.Bytes(0))))
        .Const("Size", Int(20)).Const("BlockSize", Int(64))
        .Build();

    public static PackageValue Hmac() => new PackageBuilder("crypto/hmac")
        .Const("MD5", Str("MD5")).Const("SHA1", Str("SHA1")).Const("SHA256", Str("SHA256"))
        .Const("SHA224", Str("SHA224")).Const("SHA384", Str("SHA384")).Const("SHA512", Str("SHA512"))
        .Const("SHA512_224", Str("SHA512_224")).Const("SHA512_256", Str("SHA512_256"))
        .Fn("Sign", [Kind.String, D, D], Kind.Bytes, c =>
        {
            var key = c.Bytes(1);
            var data = c.Bytes(2);
            return new BytesValue(c.Str(0) switch
            {
                "MD5" => HMACMD5.HashData(key, data),
                "SHA1" => HMACSHA1.HashData(key, data),
                "SHA224" => Sha2.HmacSha224(key, data),
                "SHA256" => HMACSHA256.HashData(key, data),
                "SHA384" => HMACSHA384.HashData(key, data),
                "SHA512" => HMACSHA512.HashData(key, data),
                "SHA512_224" => Sha2.HmacSha512_224(key, data),
                "SHA512_256" => Sha2.HmacSha512_256(key, data),
                var h => throw new BuiltinException($"unsupported hash function {h}"),
            });
        })
        .Build();
#pragma warning restore CA5350, CA5351

    public static PackageValue Sha256() => new PackageBuilder("crypto/sha256")
        .Fn("Sum256", [D], Kind.Bytes, c => new BytesValue(SHA256.HashData(c.Bytes(0))))
        .Fn("Sum224", [D], Kind.Bytes, c => new BytesValue(Sha2.Sum224(c.Bytes(0))))
        .Const("Size", Int(32)).Const("Size224", Int(28)).Const("BlockSize", Int(64))
        .Build();

    public static PackageValue Sha512() => new PackageBuilder("crypto/sha512")
        .Fn("Sum512", [D], Kind.Bytes, c => new BytesValue(SHA512.HashData(c.Bytes(0))))
        .Fn("Sum384", [D], Kind.Bytes, c => new BytesValue(SHA384.HashData(c.Bytes(0))))
        .Fn("Sum512_224", [D], Kind.Bytes, c => new BytesValue(Sha2.Sum512_224(c.Bytes(0))))
        .Fn("Sum512_256", [D], Kind.Bytes, c => new BytesValue(Sha2.Sum512_256(c.Bytes(0))))
        .Const("Size", Int(64)).Const("Size224", Int(28)).Const("Size256", Int(32)).Const("Size384", Int(48)).Const("BlockSize", Int(128))
        .Build();

    /// <summary>The <c>math/bits</c> package on arbitrary-precision integers.</summary>
    public static PackageValue Bits() => new PackageBuilder("math/bits")
        .Fn("And", [Kind.Int, Kind.Int], Kind.Int, c => Int(c.Int(0) & c.Int(1)))
        .Fn("Or", [Kind.Int, Kind.Int], Kind.Int, c => Int(c.Int(0) | c.Int(1)))
        .Fn("Xor", [Kind.Int, Kind.Int], Kind.Int, c => Int(c.Int(0) ^ c.Int(1)))
        .Fn("Clear", [Kind.Int, Kind.Int], Kind.Int, c => Int(c.Int(0) & ~c.Int(1)))
        .Fn("Lsh", [Kind.Int, Kind.Int], Kind.Int, c => Int(c.Int(0) << c.SmallInt(1)))
        .Fn("Rsh", [Kind.Int, Kind.Int], Kind.Int, c => Int(c.Int(0) >> c.SmallInt(1)))
        .Fn("At", [Kind.Int, Kind.Int], Kind.Int, c => Int((c.Int(0) >> (c.SmallInt(1) >= 0 ? c.SmallInt(1) : throw new BuiltinException($"cannot use {c.SmallInt(1)} (type int) as uint64 in argument 1 to math/bits.At") { Form = BuiltinErrorForm.AsIs, Argument = 1 })) & 1))
        .Fn("Set", [Kind.Int, Kind.Int, Kind.Int], Kind.Int, c =>
        {
            var mask = BigInteger.One << c.SmallInt(1);
            return Int(c.Int(2).IsZero ? c.Int(0) & ~mask : c.Int(0) | mask);
        })
        .Fn("OnesCount", [Kind.Int], Kind.Int, c =>
        {
            var v = BigInteger.Abs(c.Int(0));
            var n = 0;
            while (!v.IsZero)
            {
                n += (int)(v & 1);
                v >>= 1;
            }

            return Int(n);
        })
        .Fn("Len", [Kind.Int], Kind.Int, c => Int(c.Int(0).IsZero ? 0 : (long)BigInteger.Abs(c.Int(0)).GetBitLength()))
        .Build();
}
