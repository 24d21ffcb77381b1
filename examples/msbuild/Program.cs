// The app itself is ordinary; its build runs the dagger plan in ci/ (see Greeter.csproj).
Console.WriteLine("Hello from the Greeter app.");
