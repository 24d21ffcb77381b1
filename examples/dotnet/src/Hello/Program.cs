Console.WriteLine(Greetings.Greeter.Greet(args.Length > 0 ? args[0] : null));
