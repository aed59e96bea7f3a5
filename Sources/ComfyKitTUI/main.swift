ComfyKitTUICommand.main()
