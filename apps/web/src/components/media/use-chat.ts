"use client";
/** React hook: a ChatClient bound to the page's media socket (null until it exists). */
import { useEffect, useState } from "react";
import { createChatClient, type ChatClient } from "./chat-client";
import type { MediaSocket } from "./media-connection";

/** Creates the chat client for `socket` and closes it when the socket changes or the page unmounts. */
export function useChat(socket: MediaSocket | null): ChatClient | null {
  const [chat, setChat] = useState<ChatClient | null>(null);
  useEffect(() => {
    if (!socket) return;
    const client = createChatClient(socket);
    setChat(client);
    return () => {
      client.close();
      setChat(null);
    };
  }, [socket]);
  return chat;
}
